package org.opendps.cli.certificate;

import java.util.Map;
import org.opendps.cli.ExitCode;
import org.opendps.cli.enrollment.CertificateConverter;
import org.opendps.cli.output.Json;
import org.opendps.wire.json.CaCertificateJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opendps certificate verify NAME --generate-code}, then {@code --file proof.pem}: proof of possession in
 * two steps. The code goes alone to stdout, so that it can feed {@code opendps cert verification-cert --code CODE}
 * (or any tool that signs a certificate with CN = code using the CA's key).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Prove possession of a CA's private key.",
            "--generate-code prints a fresh code; sign a certificate whose CN is that code with the CA's key,",
            "then send it with --file. A code is good for one verification."})
public final class CertificateVerifyCommand extends CertificateCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The certificate's name.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Step step;

    static final class Step {
        @Option(names = "--generate-code", required = true,
                description = "Generate a verification code and print it (alone, for scripts).")
        boolean generateCode;

        @Option(names = "--file", required = true, paramLabel = "FILE", converter = CertificateConverter.class,
                description = "The verification certificate: CN = the code, signed by the CA's key.")
        String proof;
    }

    @Override
    protected ExitCode execute() {
        String etag = etag(name);
        if (step.generateCode) {
            byte[] body = client().post(path(name, "generateVerificationCode"), new byte[0],
                    Map.of("If-Match", etag)).body();
            if (output.json()) {
                out().println(Json.pretty(body));
            } else {
                out().println(CaCertificateJson.readSummary(body).verificationCode());
            }
            return ExitCode.OK;
        }
        print(client().post(path(name, "verify"), CaCertificateJson.writeVerification(step.proof),
                Map.of("If-Match", etag)).body());
        return ExitCode.OK;
    }
}
