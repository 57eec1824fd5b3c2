package org.opendps.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.testsupport.net.ProxiedJvm;
import org.opendps.wire.ServiceConnectionString;

/**
 * An X.509 device with the official Java device client 2.5.0 over MQTT and MQTT over WebSocket: it sends its user
 * name without a password, which the engine must see (vertx-mqtt's server dropped it). The client takes an X.509
 * device only by connection string, whose host must have a dot, so the built-in hub here is {@code 127.0.0.1}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubX509ClientIT {
    private static final String HUB = "127.0.0.1";

    private TestServer server;
    private IssuedCertificate device;
    private IssuedCertificate stranger;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.start(TestServer.local(dataDir).withExtraHubs(List.of(HUB)).withPorts(443, 8883));
        IssuedCertificate root = CertificateIssuer.selfSigned(
                CertificateIssuer.Request.ca("Device root", Duration.ofDays(1)));
        device = CertificateIssuer.issue(CertificateIssuer.Request.leaf("x509-sdk-1", Duration.ofDays(1),
                List.of()), root);
        stranger = CertificateIssuer.issue(CertificateIssuer.Request.leaf("x509-sdk-1", Duration.ofDays(1),
                List.of()), root);
        String thumbprint = HexFormat.of().withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(device.certificate().getEncoded()));
        HttpResponse<String> created = toHub("PUT", "/devices/x509-sdk-1?api-version=2021-04-12",
                "{\"deviceId\":\"x509-sdk-1\",\"authentication\":{\"type\":\"selfSigned\",\"x509Thumbprint\":"
                        + "{\"primaryThumbprint\":\"" + thumbprint + "\"}}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void connects_and_sends_telemetry_over_mqtt() throws Exception {
        assertSendsTelemetry(IotHubClientProtocol.MQTT, "over mqtt");
    }

    @Test
    void connects_and_sends_telemetry_over_mqtt_over_websocket() throws Exception {
        assertSendsTelemetry(IotHubClientProtocol.MQTT_WS, "over websocket");
    }

    @Test
    void another_certificate_with_the_same_name_is_refused() throws Exception {
        DeviceClient client = client(IotHubClientProtocol.MQTT, stranger);
        try {
            assertThatThrownBy(() -> client.open(false)).isInstanceOf(IotHubClientException.class);
        } finally {
            client.close();
        }
    }

    private void assertSendsTelemetry(IotHubClientProtocol protocol, String text) throws Exception {
        DeviceClient client = client(protocol, device);
        try {
            client.open(true);
            client.sendEvent(new Message(text.getBytes(UTF_8)));
        } finally {
            client.close();
        }
        assertThat(server.dps().hubDevices().telemetry().read(HUB))
                .anyMatch(m -> m.deviceId().equals("x509-sdk-1") && new String(m.body(), UTF_8).equals(text));
    }

    private DeviceClient client(IotHubClientProtocol protocol, IssuedCertificate certificate) throws Exception {
        return new DeviceClient("HostName=" + HUB + ";DeviceId=x509-sdk-1;x509=true", protocol,
                ClientOptions.builder().sslContext(tls(certificate)).build());
    }

    /** The device's key and chain, and trust in the server's CA. */
    private SSLContext tls(IssuedCertificate certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("device", certificate.privateKey(), new char[0],
                certificate.chain().toArray(new Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("opendps-ca", server.caCertificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    /** The hub API of {@code 127.0.0.1}: its Host names the hub, its owner policy signs. */
    private HttpResponse<String> toHub(String method, String path, String body) throws Exception {
        String connectionString = server.info().hubs().stream().filter(h -> h.hostName().equals(HUB)).findFirst()
                .orElseThrow().connectionString();
        String token = SharedAccessSignatures.createToken(HUB, "iothubowner",
                ServiceConnectionString.parse(connectionString).key(), Instant.now().plusSeconds(600).getEpochSecond());
        HttpClient http = HttpClient.newBuilder().sslContext(ProxiedJvm.trusting(server.caCertificate())).build();
        return http.send(HttpRequest.newBuilder(URI.create("https://" + HUB + ":" + server.httpsPort() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("Authorization", token).build(), HttpResponse.BodyHandlers.ofString());
    }
}
