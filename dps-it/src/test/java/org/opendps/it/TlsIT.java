package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;

/**
 * What the listeners offer at the TLS layer: 1.2 (the Java DPS client's only version) and 1.3, nothing older; an
 * ECDSA P-256 certificate that covers localhost and 127.0.0.1; a client certificate requested, never required,
 * and accepted from any issuer (attestation judges it later).
 */
class TlsIT {
    @TempDir
    static Path dataDir;

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https", "mqtt"})
    void tls_1_2_and_1_3_are_offered_with_an_ecdsa_p256_certificate(String listener) throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            try (SSLSocket socket = connect(listener, "localhost", protocol, null)) {
                assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                Certificate leaf = socket.getSession().getPeerCertificates()[0];
                assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
                assertThat(leaf.getPublicKey().getEncoded()).hasSize(91); // SubjectPublicKeyInfo of a P-256 key
            }
        }
    }

    /**
     * The JDK refuses TLS 1.1 on its own side, which would prove nothing; openssl, told to allow it, asks the
     * server. The TLS 1.2 run beside it shows the probe itself works.
     */
    @ParameterizedTest
    @ValueSource(strings = {"https", "mqtt"})
    void tls_1_0_and_1_1_are_refused_by_the_server(String listener) throws Exception {
        int port = listener.equals("https") ? server.httpsPort() : server.mqttPort();
        assertThat(openssl(port, "-tls1_2")).contains("Protocol  : TLSv1.2");
        for (String old : List.of("-tls1", "-tls1_1")) {
            assertThat(openssl(port, old)).as(old).contains("alert protocol version").contains("Cipher is (NONE)");
        }
    }

    /** A TLS 1.2 client offering CBC suites only (every one openssl knows, ECDSA and RSA) finds none to agree on. */
    @ParameterizedTest
    @ValueSource(strings = {"https", "mqtt"})
    void tls_1_2_with_cbc_suites_only_is_refused_and_aead_is_agreed(String listener) throws Exception {
        int port = listener.equals("https") ? server.httpsPort() : server.mqttPort();
        String cbcOnly = openssl(port, "-tls1_2", "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:"
                + "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA:"
                + "AES128-SHA:AES256-SHA:AES128-SHA256:AES256-SHA256:@SECLEVEL=0");
        String offered = openssl(port, "-tls1_2", "DEFAULT@SECLEVEL=0");

        assertThat(cbcOnly).contains("Cipher is (NONE)");
        assertThat(offered).containsPattern("Cipher is ECDHE-ECDSA-(AES\\d+-GCM-SHA\\d+|CHACHA20-POLY1305)");
    }

    private static String openssl(int port, String version) throws Exception {
        return openssl(port, version, "DEFAULT@SECLEVEL=0");
    }

    private static String openssl(int port, String version, String ciphers) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, version,
                    "-cipher", ciphers).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("openssl not found: skipping the TLS 1.1 probe");
            return "";
        }
        process.getOutputStream().close();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1"})
    void the_certificate_covers_the_default_names(String host) throws Exception {
        try (SSLSocket socket = connect("https", host, "TLSv1.3", null)) {
            assertThat(socket.getSession().isValid()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https", "mqtt"})
    void a_client_certificate_from_any_issuer_is_accepted_at_the_tls_layer(String listener) throws Exception {
        IssuedCertificate strangerRoot = CertificateIssuer.selfSigned(
                CertificateIssuer.Request.ca("Stranger root", Duration.ofDays(1)));
        IssuedCertificate device = CertificateIssuer.issue(
                CertificateIssuer.Request.leaf("some-device", Duration.ofDays(1), List.of()), strangerRoot);
        try (SSLSocket socket = connect(listener, "localhost", "TLSv1.2", device)) {
            assertThat(socket.getSession().getLocalCertificates()).hasSize(2);
        }
    }

    private static SSLSocket connect(String listener, String host, String protocol, IssuedCertificate client)
            throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", server.caCertificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("device", client.privateKey(), new char[0],
                    client.chain().toArray(new Certificate[0]));
            keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, new char[0]);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers == null ? null : keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        int port = listener.equals("https") ? server.httpsPort() : server.mqttPort();
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port);
        socket.setEnabledProtocols(new String[] {protocol});
        var parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the host name must match the certificate
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }
}
