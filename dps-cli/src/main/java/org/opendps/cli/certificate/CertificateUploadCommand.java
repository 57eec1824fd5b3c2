package org.opendps.cli.certificate;

import org.opendps.cli.ExitCode;
import org.opendps.cli.enrollment.CertificateConverter;
import org.opendps.wire.json.CaCertificateJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opendps certificate upload NAME --file CA.pem [--verified] [--replace]}. */
@Command(name = "upload", mixinStandardHelpOptions = true,
        description = {"Upload a CA certificate (PEM or DER); prints it.",
            "Fails with exit code 4 when the name is taken, unless --replace."})
public final class CertificateUploadCommand extends CertificateCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "Name: alphanumerics and - . _, at most 64.")
    String name;

    @Option(names = "--file", required = true, paramLabel = "FILE", converter = CertificateConverter.class,
            description = "The CA certificate, PEM or DER.")
    String certificate;

    @Option(names = "--verified", description = "Trust it at once, without proof of possession.")
    boolean verified;

    @Option(names = "--replace", description = "Replace a certificate of that name (the same certificate keeps "
            + "its verification).")
    boolean replace;

    @Override
    protected ExitCode execute() {
        print(client().put(path(name), CaCertificateJson.writeUpload(certificate, verified), replace ? "*" : null)
                .body());
        return ExitCode.OK;
    }
}
