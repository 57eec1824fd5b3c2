package org.opendps.cli.cert;

import java.time.Duration;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.KeyAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opendps cert create-intermediate}: a CA signed by another, e.g. one per production line. */
@Command(name = "create-intermediate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create an intermediate CA signed by --ca-cert/--ca-key: NAME.cert.pem, NAME.key.pem and "
                + "NAME.chain.pem (this CA and the intermediates above it; pass it as --ca-cert when issuing).",
            "Defaults: CN \"OpenDPS Intermediate CA\", 1825 days, ECDSA P-256, name intermediate-ca."})
public final class CreateIntermediateCommand extends IssueCommand {
    @Mixin
    CaSubjectOptions subject;

    @Mixin
    IssuerOptions issuer;

    @Override
    CertificateIssuer.Request request(Duration validity, KeyAlgorithm keyAlgorithm) {
        return subject.request("OpenDPS Intermediate CA", validity).withKeyAlgorithm(keyAlgorithm);
    }

    @Override
    IssuedCertificate issuer() {
        return issuer.load();
    }

    @Override
    String defaultName() {
        return "intermediate-ca";
    }

    @Override
    int defaultDays() {
        return 1825;
    }
}
