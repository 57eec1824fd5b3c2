package org.opendps.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.deviceclient.ProvisioningEndpoint;
import org.opendps.deviceclient.Registration;
import org.opendps.deviceclient.RegistrationCredential;

/**
 * The bench's devices against a server on the server's TLS stack that asks BoringSSL of every handshake whether it
 * resumed a session: every device makes a full handshake, none resumes a session, over either transport and with either
 * attestation; and a 429 is registered again after the server's Retry-After, not the SDKs' default.
 */
class SimulatedDevicesTest {
    private static final int DEVICES = 8;
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static IssuedCertificate serverCa;
    private static IssuedCertificate server;
    private static IssuedCertificate deviceCa;

    @BeforeAll
    static void pki() {
        serverCa = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Server CA", DAY));
        server = CertificateIssuer.issue(CertificateIssuer.Request.leaf("dps", DAY, List.of("localhost")), serverCa);
        deviceCa = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Device CA", DAY));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"https, symmetric-key", "https, x509", "mqtt, symmetric-key", "mqtt, x509"})
    void every_device_makes_a_full_handshake_and_resumes_no_session(BenchRegisterCommand.Transport transport,
            String attestation) throws Exception {
        try (HandshakeCountingServer dps = new HandshakeCountingServer(transport == BenchRegisterCommand.Transport.mqtt,
                server, 0);
                SimulatedDevices devices = new SimulatedDevices(transport, endpoint(dps), TIMEOUT)) {
            List<CompletableFuture<RegistrationOperationStatus>> registrations = new ArrayList<>();
            for (int i = 0; i < DEVICES; i++) {
                registrations.add(devices.register(device("dev-" + i, attestation)));
            }
            for (CompletableFuture<RegistrationOperationStatus> registration : registrations) {
                assertThat(registration.get(30, TimeUnit.SECONDS).status()).isEqualTo(RegistrationStatus.ASSIGNED);
            }

            assertThat(dps.handshakes()).isEqualTo(DEVICES);
            assertThat(dps.resumed()).isZero();
        }
    }

    /** The counter above is only worth something if it sees a resumption when there is one. */
    @Test
    void the_server_counts_a_resumed_session_when_a_client_reuses_its_ssl_context() throws Exception {
        try (HandshakeCountingServer dps = new HandshakeCountingServer(false, server, 0)) {
            SSLContext shared = trusting(serverCa);
            for (int i = 0; i < 2; i++) { // two clients, two connections, one session cache
                HttpClient client = HttpClient.newBuilder().sslContext(shared).build();
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("https://localhost:" + dps.port() + "/")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(200);
            }

            assertThat(dps.handshakes()).isEqualTo(2);
            assertThat(dps.resumed()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @CsvSource({"https", "mqtt"})
    void a_throttled_device_registers_again_after_the_servers_retry_after(BenchRegisterCommand.Transport transport)
            throws Exception {
        try (HandshakeCountingServer dps = new HandshakeCountingServer(transport == BenchRegisterCommand.Transport.mqtt,
                server, 1);
                SimulatedDevices devices = new SimulatedDevices(transport, endpoint(dps), TIMEOUT)) {
            RegistrationOperationStatus status = devices.register(device("dev-1", "symmetric-key"))
                    .get(30, TimeUnit.SECONDS);

            assertThat(status.status()).isEqualTo(RegistrationStatus.ASSIGNED);
            assertThat(devices.throttled()).isEqualTo(1);
            List<Long> requests = dps.requestNanos();
            assertThat(requests).hasSize(2);
            // The server's Retry-After is longer than the SDKs' default wait, which would have come back sooner.
            assertThat(Duration.ofNanos(requests.get(1) - requests.get(0)))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(HandshakeCountingServer.RETRY_AFTER_SECONDS))
                    .isGreaterThan(SimulatedDevices.THROTTLED_WAIT);
        }
    }

    private static ProvisioningEndpoint endpoint(HandshakeCountingServer dps) {
        return new ProvisioningEndpoint("localhost", dps.port(), List.of(serverCa.certificate()));
    }

    private static Registration device(String id, String attestation) {
        RegistrationCredential credential;
        if (attestation.equals("x509")) {
            IssuedCertificate certificate = CertificateIssuer.issue(CertificateIssuer.Request.device(id, DAY),
                    deviceCa);
            credential = new RegistrationCredential.X509(certificate.privateKey(), certificate.chain());
        } else {
            credential = new RegistrationCredential.SymmetricKey(
                    Base64.getEncoder().encodeToString(("a device key of 32 bytes for " + id).getBytes()));
        }
        return new Registration("0ne00000A1B", id, credential, null);
    }

    private static SSLContext trusting(IssuedCertificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
