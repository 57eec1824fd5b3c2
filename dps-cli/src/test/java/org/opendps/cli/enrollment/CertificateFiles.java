package org.opendps.cli.enrollment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;

/** Certificates made in code and written where a command can read them. */
final class CertificateFiles {
    private CertificateFiles() {}

    static IssuedCertificate device(String commonName) {
        return CertificateIssuer.selfSigned(CertificateIssuer.Request.leaf(commonName, Duration.ofDays(1), List.of()));
    }

    /** PEM with trailing blank lines, as editors leave them. */
    static Path pem(Path dir, IssuedCertificate certificate) throws IOException {
        return Files.writeString(dir.resolve(certificate.certificate().getSubjectX500Principal().getName()
                .replaceAll("[^A-Za-z0-9-]", "_") + ".pem"), Pem.certificate(certificate.certificate()) + "\n\n");
    }
}
