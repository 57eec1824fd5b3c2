package org.opendps.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.core.instance.ServerCa;
import org.opendps.core.instance.ServerCaStore;
import org.opendps.server.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS identity. The root CA is the instance's and lives in the database, so that every node on a shared
 * database is trusted through the same {@code ca.pem} and a backup of the database is complete; it is made once, by
 * whichever node writes it first. A data directory of an earlier version holds the CA in files: its CA is adopted,
 * so that devices which trust it keep working. Each node then issues its own server certificate for its own names
 * and keeps it in memory only: one signature at startup is cheap, nodes differ in names, and a key that is never
 * written can never leak from a disk or go stale there.
 */
final class ServerIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(ServerIdentity.class);
    static final String CA_CERTIFICATE = "ca.pem";
    /** Where versions before the database held the CA's key; only read, to adopt it. */
    private static final String LEGACY_CA_KEY = "ca-key.pem";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final Duration SERVER_VALIDITY = Duration.ofDays(825);

    private ServerIdentity() {}

    /**
     * Finds or makes the instance's CA, writes its certificate to {@code ca.pem} for clients, and issues this node's
     * server certificate; returns the server's chain and key for the listeners.
     */
    static ServerConfig.TlsMaterial ensure(ServerCaStore store, Path dataDir, Set<String> hostNames, Clock clock)
            throws IOException {
        ServerCa ca = store.find().orElseGet(() -> store.createIfAbsent(adoptOrCreate(dataDir, clock)));
        writeCertificateForClients(dataDir, ca);
        IssuedCertificate issuer = new IssuedCertificate(Pem.readCertificates(ca.certificatePem()).get(0),
                Pem.readPrivateKey(ca.privateKeyPem()), List.of());
        IssuedCertificate server = CertificateIssuer.issue(
                CertificateIssuer.Request.leaf("OpenDPS server", SERVER_VALIDITY, new ArrayList<>(hostNames)), issuer);
        return new ServerConfig.TlsMaterial(Pem.certificates(server.chain()), Pem.privateKey(server.privateKey()));
    }

    private static ServerCa adoptOrCreate(Path dataDir, Clock clock) {
        return legacyFiles(dataDir).orElseGet(() -> {
            IssuedCertificate ca = CertificateIssuer.selfSigned(
                    CertificateIssuer.Request.ca("OpenDPS root CA " + dataDir.getFileName(), CA_VALIDITY));
            return new ServerCa(Pem.certificate(ca.certificate()), Pem.privateKey(ca.privateKey()), clock.instant());
        });
    }

    /** The CA an earlier version kept in the data directory, if both its files are there and readable. */
    private static Optional<ServerCa> legacyFiles(Path dataDir) {
        Path certificateFile = dataDir.resolve(CA_CERTIFICATE);
        Path keyFile = dataDir.resolve(LEGACY_CA_KEY);
        if (!Files.exists(certificateFile) || !Files.exists(keyFile)) {
            return Optional.empty();
        }
        try {
            X509Certificate certificate = Pem.readCertificates(Files.readString(certificateFile)).get(0);
            String key = Pem.privateKey(Pem.readPrivateKey(Files.readString(keyFile)));
            LOG.info("Adopting the CA of {} into the database; {} is no longer used and may be deleted", dataDir,
                    keyFile.getFileName());
            return Optional.of(new ServerCa(Pem.certificate(certificate), key,
                    certificate.getNotBefore().toInstant()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The CA files in " + dataDir + " cannot be read (" + e.getMessage()
                    + "); move " + CA_CERTIFICATE + " and " + LEGACY_CA_KEY + " away to start with a new CA.", e);
        }
    }

    private static void writeCertificateForClients(Path dataDir, ServerCa ca) throws IOException {
        Path file = dataDir.resolve(CA_CERTIFICATE);
        String existing = Files.exists(file) ? Files.readString(file) : null;
        if (ca.certificatePem().equals(existing)) {
            return;
        }
        if (existing != null) {
            LOG.warn("{} held another CA than the instance's in the database; replaced by the instance's", file);
        }
        DataFiles.writePublic(file, ca.certificatePem());
    }
}
