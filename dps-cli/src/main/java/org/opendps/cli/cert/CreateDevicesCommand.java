package org.opendps.cli.cert;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.KeyAlgorithm;
import org.opendps.cli.BaseCommand;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OutputMixin;
import org.opendps.cli.bulk.RegistrationIdsMixin;
import org.opendps.cli.output.Csv;
import org.opendps.cli.output.Details;
import org.opendps.cli.output.Json;
import org.opendps.cli.output.OutputFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opendps cert create-devices}: a production run of device certificates, with a CSV manifest that a line
 * can consume. Keys are made on every core at once; all file names are checked before the first is written.
 */
@Command(name = "create-devices", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create device certificates in bulk, signed by --ca-cert/--ca-key: ID.cert.pem, ID.key.pem "
                + "(owner-only) and ID.chain.pem for each registration ID, and a CSV manifest (registrationId, "
                + "certificateFile, keyFile, chainFile, sha1Thumbprint, sha256Thumbprint, notAfter).",
            "Defaults: 365 days, ECDSA P-256."})
public final class CreateDevicesCommand extends BaseCommand {
    static final String[] MANIFEST_HEADER = {"registrationId", "certificateFile", "keyFile", "chainFile",
        "sha1Thumbprint", "sha256Thumbprint", "notAfter"};

    @Mixin
    RegistrationIdsMixin ids;

    @Mixin
    IssuerOptions issuer;

    @Option(names = "--days", order = 30, paramLabel = "N", defaultValue = "365",
            description = "Validity in days. Default: ${DEFAULT-VALUE}.")
    int days = DeviceCertificates.DEFAULT_DAYS;

    @Mixin
    KeyTypeOptions keyType;

    @Option(names = "--out", order = 50, paramLabel = "DIR", required = true,
            description = "Directory for the certificates, keys and manifest.")
    Path outDirectory;

    @Option(names = "--manifest", order = 51, paramLabel = "FILE", defaultValue = "manifest.csv",
            description = "Name of the manifest in --out. Default: ${DEFAULT-VALUE}.")
    String manifest;

    @Option(names = "--force", order = 52, description = "Replace files that exist.")
    boolean force;

    @Mixin
    OutputMixin output;

    @Override
    protected ExitCode execute() {
        if (days < 1 || days > 36_500) {
            throw CliException.usage("--days must be between 1 and 36500");
        }
        List<String> registrationIds = ids.registrationIds();
        KeyAlgorithm algorithm = keyType.algorithm();
        List<CertificateIssuer.Request> requests = registrationIds.stream()
                .map(id -> DeviceCertificates.request(id, Duration.ofDays(days), algorithm)).toList();
        IssuedCertificate ca = issuer.load();
        OutputFiles out = new OutputFiles(outDirectory, force);
        List<String> names = new ArrayList<>();
        names.add(manifest);
        registrationIds.forEach(id -> names.addAll(CertificateFiles.of(id, true, true).names()));
        out.claim(names);

        long started = System.nanoTime();
        List<List<String>> rows = requests.parallelStream().map(request -> issue(request, ca, out)).toList();
        Csv csv = new Csv(MANIFEST_HEADER);
        rows.forEach(csv::row);
        Path manifestFile = out.writePublic(manifest, csv.toString());
        long millis = (System.nanoTime() - started) / 1_000_000;

        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("devices", String.valueOf(rows.size()));
        summary.put("issuer", ca.certificate().getSubjectX500Principal().getName());
        summary.put("directory", outDirectory.toString());
        summary.put("manifest", manifestFile.toString());
        summary.put("milliseconds", String.valueOf(millis));
        if (output.json()) {
            out().println(Json.prettyObject(summary));
        } else {
            Details details = new Details();
            summary.forEach(details::add);
            details.print(out());
        }
        return ExitCode.OK;
    }

    private static List<String> issue(CertificateIssuer.Request request, IssuedCertificate ca, OutputFiles out) {
        IssuedCertificate device = CertificateIssuer.issue(request, ca);
        CertificateFiles files = CertificateFiles.of(request.commonName(), true, true);
        files.write(out, device);
        X509Certificate certificate = device.certificate();
        return List.of(request.commonName(), files.certificate(), files.key(), files.chain(),
                CertificateView.thumbprint("SHA-1", certificate), CertificateView.thumbprint("SHA-256", certificate),
                certificate.getNotAfter().toInstant().toString());
    }
}
