package org.opendps.cli.cert;

import java.time.Duration;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.KeyAlgorithm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opendps cert create-root}: a self-signed root CA for a device fleet. */
@Command(name = "create-root", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Create a self-signed root CA: NAME.cert.pem and NAME.key.pem (owner-only).",
            "Defaults: CN \"OpenDPS Device Root CA\", 3650 days, ECDSA P-256, name root-ca."})
public final class CreateRootCommand extends IssueCommand {
    @Mixin
    CaSubjectOptions subject;

    @Override
    CertificateIssuer.Request request(Duration validity, KeyAlgorithm keyAlgorithm) {
        return subject.request("OpenDPS Device Root CA", validity).withKeyAlgorithm(keyAlgorithm);
    }

    @Override
    IssuedCertificate issuer() {
        return null;
    }

    @Override
    CertificateFiles files(String baseName) {
        return CertificateFiles.of(baseName, true, false); // a root's chain is the root
    }

    @Override
    String defaultName() {
        return "root-ca";
    }

    @Override
    int defaultDays() {
        return 3650;
    }
}
