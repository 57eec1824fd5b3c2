package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.core.instance.ServerCa;
import org.opendps.store.jdbc.JdbcStorage;

/**
 * The server's root CA lives in the database: a data directory of an earlier version, which kept it in files, keeps
 * its CA (devices trust it), and a node joining a database that has one serves certificates of that CA, whatever
 * its own data directory held. Each test client trusts only {@code ca.pem}, so an answer proves the chain.
 */
class ServerIdentityIT {
    @TempDir
    Path temp;

    @Test
    void a_data_directory_of_an_earlier_version_keeps_its_ca_which_moves_into_the_database() throws Exception {
        Path dataDir = temp.resolve("data");
        IssuedCertificate legacy = legacyCaFiles(dataDir);

        try (TestServer server = TestServer.start(dataDir)) {
            assertThat(server.caCertificate()).isEqualTo(legacy.certificate());
            assertThat(server.send("GET", "/health", null, null).statusCode()).isEqualTo(200);
            try (JdbcStorage storage = JdbcStorage.open(TestServer.local(dataDir).effectiveDatabaseUrl(), 1)) {
                assertThat(storage.serverCa().find()).map(ServerCa::certificatePem)
                        .contains(Pem.certificate(legacy.certificate()));
            }
        }
    }

    @Test
    void a_node_joining_a_database_serves_the_instances_ca_not_its_own_files() throws Exception {
        String url = "jdbc:sqlite:" + temp.resolve("shared.db");
        try (TestServer first = TestServer.start(temp.resolve("first"), url)) {
            Path secondDir = temp.resolve("second");
            legacyCaFiles(secondDir);

            try (TestServer second = TestServer.start(secondDir, url)) {
                assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
                assertThat(second.send("GET", "/health", null, null).statusCode()).isEqualTo(200);
                assertThat(second.info().idScope()).isEqualTo(first.info().idScope());
            }
        }
    }

    /** What versions before the database held: ca.pem and ca-key.pem in the data directory. */
    private static IssuedCertificate legacyCaFiles(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        IssuedCertificate ca = CertificateIssuer.selfSigned(
                CertificateIssuer.Request.ca("OpenDPS root CA " + dataDir.getFileName(), Duration.ofDays(3650)));
        Files.writeString(dataDir.resolve("ca.pem"), Pem.certificate(ca.certificate()));
        Files.writeString(dataDir.resolve("ca-key.pem"), Pem.privateKey(ca.privateKey()));
        return ca;
    }
}
