package org.opendps.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.server.ServerConfig;

/**
 * The server's TLS identity in the data directory: a root CA made once (clients trust its PEM) and a server
 * certificate it signs, made again whenever the configured host names outgrow it or it nears expiry.
 */
final class ServerIdentity {
    static final String CA_CERTIFICATE = "ca.pem";
    private static final String CA_KEY = "ca-key.pem";
    private static final String SERVER_CERTIFICATE = "server.pem";
    private static final String SERVER_KEY = "server-key.pem";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(825);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private ServerIdentity() {}

    /** Loads or makes the CA and server certificate; returns the server's chain and key for the listeners. */
    static ServerConfig.TlsMaterial ensure(Path dataDir, Set<String> hostNames) throws IOException {
        IssuedCertificate ca = loadOrCreateCa(dataDir);
        Path certificateFile = dataDir.resolve(SERVER_CERTIFICATE);
        Path keyFile = dataDir.resolve(SERVER_KEY);
        if (!Files.exists(certificateFile) || !Files.exists(keyFile) || !covers(certificateFile, hostNames)) {
            IssuedCertificate server = CertificateIssuer.issue(
                    CertificateIssuer.Request.leaf("OpenDPS server", SERVER_VALIDITY, new ArrayList<>(hostNames)), ca);
            DataFiles.writePrivate(keyFile, Pem.privateKey(server.privateKey()));
            DataFiles.writePrivate(certificateFile, Pem.certificates(server.chain()));
        }
        return new ServerConfig.TlsMaterial(Files.readString(certificateFile), Files.readString(keyFile));
    }

    private static IssuedCertificate loadOrCreateCa(Path dataDir) throws IOException {
        Path certificateFile = dataDir.resolve(CA_CERTIFICATE);
        Path keyFile = dataDir.resolve(CA_KEY);
        if (Files.exists(certificateFile) && Files.exists(keyFile)) {
            X509Certificate certificate = Pem.readCertificates(Files.readString(certificateFile)).get(0);
            PrivateKey key = Pem.readPrivateKey(Files.readString(keyFile));
            return new IssuedCertificate(certificate, key, List.of());
        }
        IssuedCertificate ca = CertificateIssuer.selfSigned(
                CertificateIssuer.Request.ca("OpenDPS root CA " + dataDir.getFileName(), CA_VALIDITY));
        DataFiles.writePrivate(keyFile, Pem.privateKey(ca.privateKey()));
        DataFiles.writePublic(certificateFile, Pem.certificate(ca.certificate()));
        return ca;
    }

    private static boolean covers(Path certificateFile, Set<String> hostNames) throws IOException {
        X509Certificate certificate = Pem.readCertificates(Files.readString(certificateFile)).get(0);
        if (certificate.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
            return false;
        }
        Set<String> present = new HashSet<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                names.forEach(name -> present.add(String.valueOf(name.get(1)).toLowerCase(Locale.ROOT)));
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        return present.containsAll(hostNames);
    }
}
