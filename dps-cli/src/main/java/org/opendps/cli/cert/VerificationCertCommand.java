package org.opendps.cli.cert;

import java.time.Duration;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.KeyAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code opendps cert verification-cert}: proof that we hold a CA's key, for the CA's verification code. */
@Command(name = "verification-cert", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create the proof-of-possession certificate for a CA certificate uploaded to DPS: CN = the "
                + "verification code, signed by the CA's key. Writes NAME.cert.pem only; upload it to verify the CA.",
            "Defaults: 30 days, name verification-CODE."})
public final class VerificationCertCommand extends IssueCommand {
    @Option(names = "--code", order = 1, paramLabel = "CODE", required = true,
            description = "The verification code DPS generated for the CA certificate.")
    String code;

    @Mixin
    IssuerOptions issuer;

    @Override
    CertificateIssuer.Request request(Duration validity, KeyAlgorithm keyAlgorithm) {
        return CertificateIssuer.Request.verification(code, validity).withKeyAlgorithm(keyAlgorithm);
    }

    @Override
    IssuedCertificate issuer() {
        return issuer.load();
    }

    @Override
    CertificateFiles files(String baseName) {
        return CertificateFiles.of(baseName, false, false); // only the certificate is uploaded; its key is never used
    }

    @Override
    String defaultName() {
        return "verification-" + code;
    }

    @Override
    int defaultDays() {
        return 30;
    }
}
