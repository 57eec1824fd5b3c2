package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import io.vertx.mqtt.messages.MqttSubAckMessage;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;

/**
 * What the SDKs never send, with a raw MQTT client: other devices' topics, QoS 2, a second connection of the same
 * device, user names that are not a built-in hub device's. Any MQTT port will do here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubMqttTopicsIT {
    private TestServer server;
    private Vertx vertx;
    private String key;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.withBuiltInHub(dataDir, 0);
        vertx = Vertx.vertx();
        key = HubMqttIT.provision(server, "raw-1");
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.close();
        }
    }

    /** A connected client and a future completed when the server closes the connection. */
    private record Connection(MqttClient client, CompletableFuture<Void> closed) {}

    private Connection connect(String userName, String clientId, String password) throws Exception {
        return connect(userName, clientId, password, null);
    }

    private Connection connect(String userName, String clientId, String password, IssuedCertificate certificate)
            throws Exception {
        MqttClientOptions options = new MqttClientOptions().setClientId(clientId).setUsername(userName)
                .setPassword(password).setCleanSession(false);
        if (certificate != null) {
            options.setKeyCertOptions(KeyCertOptions.wrap(keyManager(certificate)));
        }
        options.setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(new PemTrustOptions().addCertPath(server.info().caCertificate()));
        MqttClient client = MqttClient.create(vertx, options);
        CompletableFuture<Void> closed = new CompletableFuture<>();
        client.closeHandler(v -> closed.complete(null));
        get(client.connect(server.mqttPort(), "localhost"));
        return new Connection(client, closed);
    }

    private Connection connectDevice() throws Exception {
        return connect("localhost/raw-1/?api-version=2020-09-30", "raw-1", HubMqttIT.token("raw-1", key));
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private MqttConnectReturnCode refusal(String userName, String clientId, String password) {
        return refusal(userName, clientId, password, null);
    }

    private MqttConnectReturnCode refusal(String userName, String clientId, String password,
            IssuedCertificate certificate) {
        try {
            connect(userName, clientId, password, certificate).client().disconnect();
            return MqttConnectReturnCode.CONNECTION_ACCEPTED;
        } catch (ExecutionException e) {
            return e.getCause() instanceof MqttConnectionException refused ? refused.code() : null;
        } catch (Exception e) {
            return null;
        }
    }

    @Test
    void own_topics_are_granted_at_most_qos_1() throws Exception {
        Connection connection = connectDevice();
        CompletableFuture<MqttSubAckMessage> ack = new CompletableFuture<>();
        connection.client().subscribeCompletionHandler(ack::complete);
        Map<String, Integer> filters = new LinkedHashMap<>();
        filters.put("devices/raw-1/messages/devicebound/#", 1);
        filters.put("$iothub/twin/res/#", 2);
        filters.put("$iothub/methods/POST/#", 0);
        connection.client().subscribe(filters);
        assertThat(ack.get(10, TimeUnit.SECONDS).grantedQoSLevels()).containsExactly(1, 1, 0);
        get(connection.client().publish("devices/raw-1/messages/events/a=1", Buffer.buffer("x"),
                MqttQoS.AT_LEAST_ONCE, false, false));
        assertThat(connection.client().isConnected()).isTrue();
        get(connection.client().disconnect());
    }

    @Test
    void subscribing_to_another_device_closes_the_connection() throws Exception {
        Connection connection = connectDevice();
        connection.client().subscribe("devices/raw-2/messages/devicebound/#", 1);
        connection.closed().get(10, TimeUnit.SECONDS);
        Connection wildcard = connectDevice();
        wildcard.client().subscribe("devices/+/messages/devicebound/#", 1);
        wildcard.closed().get(10, TimeUnit.SECONDS);
    }

    @Test
    void publishing_to_another_device_closes_the_connection() throws Exception {
        Connection connection = connectDevice();
        connection.client().publish("devices/raw-2/messages/events/", Buffer.buffer("x"), MqttQoS.AT_MOST_ONCE,
                false, false);
        connection.closed().get(10, TimeUnit.SECONDS);
        assertThat(server.dps().hubDevices().telemetry().read("localhost"))
                .noneMatch(m -> m.deviceId().equals("raw-2"));
    }

    @Test
    void qos_2_closes_the_connection() throws Exception {
        Connection connection = connectDevice();
        connection.client().publish("devices/raw-1/messages/events/", Buffer.buffer("x"), MqttQoS.EXACTLY_ONCE,
                false, false);
        connection.closed().get(10, TimeUnit.SECONDS);
    }

    @Test
    void a_second_connection_drops_the_first() throws Exception {
        Connection first = connectDevice();
        Connection second = connectDevice();
        first.closed().get(10, TimeUnit.SECONDS);
        assertThat(second.client().isConnected()).isTrue();
        get(second.client().disconnect());
    }

    @Test
    void refusals() {
        String token = HubMqttIT.token("raw-1", key);
        // A DPS device's client ID must be its registration ID.
        assertThat(refusal("0ne00000001/registrations/raw-1/api-version=2019-03-31", "raw-2", token))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(refusal("other.example/raw-1/?api-version=2020-09-30", "raw-1", token))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(refusal("localhost/raw-1/mod/?api-version=2020-09-30", "raw-1/mod", token))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(refusal("localhost/nobody/?api-version=2020-09-30", "nobody", HubMqttIT.token("nobody", key)))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(refusal("localhost/raw-1/?api-version=2020-09-30", "raw-1", "SharedAccessSignature sr=x"))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(refusal("localhost/raw-1/?api-version=2020-09-30", "raw-1", null))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    }

    @Test
    void a_registered_certificate_thumbprint_connects_without_a_password() throws Exception {
        IssuedCertificate root = CertificateIssuer.selfSigned(
                CertificateIssuer.Request.ca("Device root", Duration.ofDays(1)));
        IssuedCertificate device = CertificateIssuer.issue(
                CertificateIssuer.Request.leaf("x509-1", Duration.ofDays(1), List.of()), root);
        IssuedCertificate stranger = CertificateIssuer.issue(
                CertificateIssuer.Request.leaf("x509-1", Duration.ofDays(1), List.of()), root);
        String thumbprint = HexFormat.of().withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(device.certificate().getEncoded()));
        String hubToken = HubMqttIT.hubToken(server);
        assertThat(server.send("PUT", "/devices/x509-1?api-version=2021-04-12", "{\"deviceId\":\"x509-1\","
                + "\"authentication\":{\"type\":\"selfSigned\",\"x509Thumbprint\":{\"primaryThumbprint\":\""
                + thumbprint + "\"}}}", hubToken).statusCode()).isEqualTo(200);

        String userName = "localhost/x509-1/?api-version=2020-09-30";
        Connection connection = connect(userName, "x509-1", null, device);
        assertThat(connection.client().isConnected()).isTrue();
        get(connection.client().disconnect());
        assertThat(refusal(userName, "x509-1", null, stranger))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    }

    /** An OpenDPS extension; Azure's service clients send these over AMQP. */
    @Test
    void cloud_to_device_refusals() throws Exception {
        String hubToken = HubMqttIT.hubToken(server);
        String message = "{\"deviceId\":\"%s\",\"body\":\"x\"}";
        String path = "/messages/deviceBound?api-version=2021-04-12";
        assertThat(server.send("POST", path, message.formatted("nobody"), hubToken).statusCode()).isEqualTo(404);
        assertThat(server.send("POST", path, "{\"deviceId\":\"raw-1\"}", hubToken).statusCode()).isEqualTo(400);
        assertThat(server.send("POST", path, message.formatted("raw-1"), null).statusCode()).isEqualTo(401);
        HubMqttIT.provision(server, "c2d-full-1");
        for (int i = 0; i < 50; i++) {
            assertThat(server.send("POST", path, message.formatted("c2d-full-1"), hubToken).statusCode())
                    .isEqualTo(204);
        }
        var full = server.send("POST", path, message.formatted("c2d-full-1"), hubToken);
        assertThat(full.statusCode()).isEqualTo(403);
        assertThat(full.headers().firstValue("iothub-errorcode")).contains("DeviceQueueFull");
        assertThat(server.dps().hubDevices().cloudToDevice().pending("localhost", "c2d-full-1")).isEqualTo(50);
    }

    private static X509KeyManager keyManager(IssuedCertificate certificate) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("device", certificate.privateKey(), new char[0],
                certificate.chain().toArray(new Certificate[0]));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, new char[0]);
        return (X509KeyManager) factory.getKeyManagers()[0];
    }
}
