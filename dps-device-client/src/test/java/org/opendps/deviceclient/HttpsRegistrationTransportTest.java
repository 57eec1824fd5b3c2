package org.opendps.deviceclient;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.RegistrationStatus;

/**
 * X.509 over HTTPS against a JDK HTTPS server that requires a client certificate and records what arrives: the
 * chain in the handshake, and no Authorization header (dps-it's DeviceAgentIT registers against the real server).
 */
class HttpsRegistrationTransportTest {
    private HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void an_x509_device_presents_its_chain_and_sends_no_authorization() throws Exception {
        Duration day = Duration.ofDays(1);
        IssuedCertificate serverCa = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Server CA", day));
        IssuedCertificate serverCertificate = CertificateIssuer.issue(
                CertificateIssuer.Request.leaf("dps", day, List.of("localhost")), serverCa);
        IssuedCertificate deviceCa = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Device CA", day));
        IssuedCertificate device = CertificateIssuer.issue(CertificateIssuer.Request.device("x-dev", day), deviceCa);
        List<Certificate> presented = new CopyOnWriteArrayList<>();
        List<String> authorizations = new CopyOnWriteArrayList<>();
        List<String> paths = new CopyOnWriteArrayList<>();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls(serverCertificate, deviceCa)) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(true); // HttpsParameters.setNeedClientAuth alone is not applied
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/", exchange -> {
            presented.addAll(List.of(((HttpsExchange) exchange).getSSLSession().getPeerCertificates()));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = ("{\"operationId\":\"op-9\",\"status\":\"assigned\",\"registrationState\":{"
                    + "\"registrationId\":\"x-dev\",\"assignedHub\":\"hub.example\",\"deviceId\":\"x-dev\","
                    + "\"status\":\"assigned\",\"x509\":{}}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();

        try (HttpsRegistrationTransport transport = new HttpsRegistrationTransport(new ProvisioningEndpoint(
                "localhost", server.getAddress().getPort(), List.of(serverCa.certificate())), Duration.ofSeconds(20))) {
            RegistrationOperationStatus status = transport.register(new Registration("0ne00000001", "x-dev",
                    new RegistrationCredential.X509(device.privateKey(), device.chain()), null))
                    .get(30, TimeUnit.SECONDS);

            assertThat(status.status()).isEqualTo(RegistrationStatus.ASSIGNED);
            assertThat(status.registrationState().deviceId()).isEqualTo("x-dev");
        }
        assertThat(presented.get(0)).isEqualTo(device.certificate());
        assertThat(authorizations).containsExactly("null");
        assertThat(paths).containsExactly("PUT /0ne00000001/registrations/x-dev/register?api-version=2021-06-01");
    }

    private static SSLContext tls(IssuedCertificate server, IssuedCertificate trustedClientCa) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.privateKey(), new char[0], server.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("client-ca", trustedClientCa.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
