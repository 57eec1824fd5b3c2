package org.opendps.cli.cert;

import java.nio.file.Path;
import java.time.Duration;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.KeyAlgorithm;
import org.opendps.cli.BaseCommand;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OutputMixin;
import org.opendps.cli.output.OutputFiles;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A {@code cert} command that makes one certificate and its key, and writes them as PEM files. */
abstract class IssueCommand extends BaseCommand {
    private static final int MAX_DAYS = 36_500;

    @Option(names = "--days", order = 30, paramLabel = "N", description = "Validity in days (default: see above).")
    Integer days;

    @Mixin
    KeyTypeOptions keyType;

    @Option(names = "--out", order = 50, paramLabel = "DIR", defaultValue = ".",
            description = "Directory to write the files to. Default: the current directory.")
    Path outDirectory;

    @Option(names = "--name", order = 51, paramLabel = "NAME",
            description = "Base name of the files: NAME.cert.pem, NAME.key.pem, NAME.chain.pem.")
    String name;

    @Option(names = "--force", order = 52, description = "Replace files that exist.")
    boolean force;

    @Mixin
    OutputMixin output;

    /** What to issue, given the validity and key type the options ask for. */
    abstract CertificateIssuer.Request request(Duration validity, KeyAlgorithm keyAlgorithm);

    /** The signing CA; null for a self-signed root. */
    abstract IssuedCertificate issuer();

    abstract String defaultName();

    abstract int defaultDays();

    /** Which files to write for {@code baseName}. */
    CertificateFiles files(String baseName) {
        return CertificateFiles.of(baseName, true, true);
    }

    @Override
    protected ExitCode execute() {
        int validDays = days == null ? defaultDays() : days;
        if (validDays < 1 || validDays > MAX_DAYS) {
            throw CliException.usage("--days must be between 1 and " + MAX_DAYS);
        }
        CertificateIssuer.Request request;
        try {
            request = request(Duration.ofDays(validDays), keyType.algorithm());
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        IssuedCertificate issuer = issuer();
        OutputFiles out = new OutputFiles(outDirectory, force);
        CertificateFiles files = files(name == null ? defaultName() : name);
        out.claim(files.names());
        IssuedCertificate issued = issuer == null ? CertificateIssuer.selfSigned(request)
                : CertificateIssuer.issue(request, issuer);
        files.write(out, issued);
        CertificateView.print(out(), output.json(), CertificateView.fields(issued.certificate(), files, out));
        return ExitCode.OK;
    }
}
