package org.opendps.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.device.twin.TwinCollection;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.hub.telemetry.TelemetryMessage;
import org.opendps.server.mqtt.DirectMethods;
import org.opendps.server.mqtt.HubDeviceServices;
import org.opendps.testsupport.net.ProxiedJvm;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ServiceConnectionString;

/**
 * The official Java device client 2.5.0, unmodified, on a device registered through the DPS onto the built-in hub
 * {@code localhost}: twin, reported properties, desired updates, telemetry and direct methods over MQTT on 8883
 * (the only port the client dials, protocol/iothub.md §4). The hub name has no dot, so the client is built with a
 * SasTokenProvider, the one constructor that accepts it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubMqttIT {
    static final String HUB = "localhost";
    private static final String API = "?api-version=2021-10-01";
    private static final String INITIAL_TWIN =
            "{\"tags\":{\"site\":\"lyon\"},\"properties\":{\"desired\":{\"interval\":30,\"mode\":\"eco\"}}}";

    private TestServer server;
    private SSLContext tls;

    IotHubClientProtocol protocol() {
        return IotHubClientProtocol.MQTT;
    }

    /** The server, on the port the client dials: 8883 for MQTT, the HTTPS port 443 for MQTT over WebSocket. */
    TestServer startServer(Path dataDir) throws Exception {
        return TestServer.withBuiltInHub(dataDir, 8883);
    }

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = startServer(dataDir);
        tls = ProxiedJvm.trusting(server.caCertificate());
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Enrolls and registers the device through the DPS over HTTPS; returns its key on the built-in hub. */
    String provision(String id) throws Exception {
        return provision(server, id);
    }

    static String provision(TestServer server, String id) throws Exception {
        String key = enroll(server, id);
        JsonNode result = new DeviceCalls(server).register(id, key, null);
        assertThat(result.path("status").asText()).isEqualTo("assigned");
        assertThat(result.path("registrationState").path("assignedHub").asText()).isEqualTo(HUB);
        return key;
    }

    /** An individual symmetric-key enrollment with an initial twin; returns its primary key. */
    static String enroll(TestServer server, String id) throws Exception {
        String key = SharedAccessSignatures.generateKey();
        String body = "{\"registrationId\":\"" + id + "\",\"attestation\":{\"type\":\"symmetricKey\","
                + "\"symmetricKey\":{\"primaryKey\":\"" + key + "\",\"secondaryKey\":\""
                + SharedAccessSignatures.generateKey() + "\"}},\"initialTwin\":" + INITIAL_TWIN + "}";
        assertThat(server.sendAsOwner("PUT", "/enrollments/" + id + API, body).statusCode()).isEqualTo(200);
        return key;
    }

    /** A token as the Java client makes one: sr raw, no skn. */
    static String token(String deviceId, String key) {
        return token(HUB, deviceId, key);
    }

    /** A device token as the Java client makes it: sr raw, signed over the raw form. */
    static String token(String hub, String deviceId, String key) {
        String sr = hub + "/devices/" + deviceId;
        long se = Instant.now().plusSeconds(3600).getEpochSecond();
        return "SharedAccessSignature sig=" + java.net.URLEncoder.encode(SharedAccessSignatures.hmac(key,
                sr + "\n" + se), UTF_8) + "&se=" + se + "&sr=" + sr;
    }

    /** A token of the built-in hub's owner policy, for its service API. */
    static String hubToken(TestServer server) {
        ConnectionInfo.Hub hub = server.info().hubs().stream().filter(h -> h.hostName().equals(HUB)).findFirst()
                .orElseThrow();
        return SharedAccessSignatures.createToken(HUB, "iothubowner",
                ServiceConnectionString.parse(hub.connectionString()).key(),
                Instant.now().plusSeconds(600).getEpochSecond());
    }

    DeviceClient client(String deviceId, String key) {
        String token = token(deviceId, key);
        return new DeviceClient(HUB, deviceId, token::toCharArray, protocol(),
                ClientOptions.builder().sslContext(tls).build());
    }

    HubDeviceServices hub() {
        return server.dps().hubDevices();
    }

    @Test
    void twin_reported_properties_and_desired_updates() throws Exception {
        String key = provision("mqtt-twin-1");
        DeviceClient client = client("mqtt-twin-1", key);
        CompletableFuture<Twin> update = new CompletableFuture<>();
        try {
            client.open(true);
            client.subscribeToDesiredProperties((twin, context) -> {
                Object interval = twin.getDesiredProperties().get("interval");
                if (interval instanceof Number n && n.intValue() == 60) {
                    update.complete(twin);
                }
            }, null);
            Twin twin = JavaClientTwin.get(client);
            assertThat(((Number) twin.getDesiredProperties().get("interval")).intValue()).isEqualTo(30);
            assertThat(twin.getDesiredProperties()).containsEntry("mode", "eco").hasSize(2);

            TwinCollection reported = new TwinCollection();
            reported.put("firmware", "1.2.3");
            JavaClientTwin.report(client, reported);
            JsonNode stored = DeviceCalls.json(hub().twins().get(HUB, "mqtt-twin-1"));
            assertThat(reportedFirmware(stored)).isEqualTo("1.2.3");
            HttpResponse<String> viaApi = server.send("GET", "/twins/mqtt-twin-1?api-version=2021-04-12", null,
                    hubToken(server));
            assertThat(viaApi.statusCode()).isEqualTo(200);
            assertThat(DeviceCalls.json(viaApi.body()).path("properties").path("reported").path("firmware").asText())
                    .isEqualTo("1.2.3");

            hub().twins().patch(HUB, "mqtt-twin-1", "{\"properties\":{\"desired\":{\"interval\":60}}}", null);
            assertThat(update.get(10, TimeUnit.SECONDS).getDesiredProperties().getVersion()).isNotNull();
        } finally {
            client.close();
        }
    }

    private static String reportedFirmware(JsonNode twin) {
        return twin == null ? null : twin.path("properties").path("reported").path("firmware").asText(null);
    }

    @Test
    void telemetry_arrives_in_order() throws Exception {
        String key = provision("mqtt-telemetry-1");
        DeviceClient client = client("mqtt-telemetry-1", key);
        try {
            client.open(true);
            for (int i = 0; i < 100; i++) {
                Message message = new Message(("reading " + i).getBytes(UTF_8));
                message.setProperty("seq", Integer.toString(i));
                client.sendEvent(message);
            }
        } finally {
            client.close();
        }
        List<TelemetryMessage> received = hub().telemetry().read(HUB).stream()
                .filter(m -> m.deviceId().equals("mqtt-telemetry-1")).toList();
        assertThat(received).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(new String(received.get(i).body(), UTF_8)).isEqualTo("reading " + i);
            assertThat(received.get(i).properties()).containsEntry("seq", Integer.toString(i));
        }
    }

    @Test
    void a_wrong_key_is_refused() throws Exception {
        provision("mqtt-wrong-key-1");
        DeviceClient client = client("mqtt-wrong-key-1", SharedAccessSignatures.generateKey());
        try {
            assertThatThrownBy(() -> client.open(false)).isInstanceOf(IotHubClientException.class);
        } finally {
            client.close();
        }
    }

    @Test
    void a_disabled_device_is_refused_with_its_right_key() throws Exception {
        String key = provision("mqtt-disabled-1");
        HttpResponse<String> disabled = server.send("PUT", "/devices/mqtt-disabled-1?api-version=2021-04-12",
                "{\"deviceId\":\"mqtt-disabled-1\",\"status\":\"disabled\",\"authentication\":{\"type\":\"sas\","
                        + "\"symmetricKey\":{\"primaryKey\":\"" + key + "\",\"secondaryKey\":\""
                        + SharedAccessSignatures.generateKey() + "\"}}}", hubToken(server), "If-Match", "*");
        assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
        DeviceClient client = client("mqtt-disabled-1", key);
        try {
            assertThatThrownBy(() -> client.open(false)).isInstanceOf(IotHubClientException.class)
                    .hasMessageContaining("authentication error"); // CONNACK 5
        } finally {
            client.close();
        }
    }

    @Test
    void direct_methods_reach_the_device_and_come_back() throws Exception {
        String key = provision("mqtt-method-1");
        DeviceClient client = client("mqtt-method-1", key);
        try {
            client.open(true);
            // The client serialises the response payload with Gson: a map becomes a JSON object.
            client.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(200, java.util.Map.of(
                    "method", name, "echo", payload.getPayloadAsJsonElement())), null);
            DirectMethods.Result result = hub().methods().invoke(HUB, "mqtt-method-1", "reboot", "{\"delay\":5}",
                    Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);
            assertThat(result.outcome()).isEqualTo(DirectMethods.Outcome.COMPLETED);
            assertThat(result.status()).isEqualTo(200);
            JsonNode payload = DeviceCalls.json(result.payloadJson());
            assertThat(payload.path("method").asText()).isEqualTo("reboot");
            assertThat(payload.path("echo").path("delay").asInt()).isEqualTo(5);

            HttpResponse<String> rest = server.send("POST", "/twins/mqtt-method-1/methods?api-version=2021-04-12",
                    "{\"methodName\":\"blink\",\"payload\":[1,2],\"responseTimeoutInSeconds\":10}",
                    hubToken(server));
            assertThat(rest.statusCode()).isEqualTo(200);
            JsonNode answer = DeviceCalls.json(rest.body());
            assertThat(answer.path("status").asInt()).isEqualTo(200);
            assertThat(answer.path("payload").path("method").asText()).isEqualTo("blink");
            assertThat(answer.path("payload").path("echo").get(1).asInt()).isEqualTo(2);
        } finally {
            client.close();
        }
        // The server sees the disconnect a moment after close() returns.
        DirectMethods.Outcome after = null;
        for (int i = 0; i < 50 && after != DirectMethods.Outcome.NOT_ONLINE; i++) {
            after = hub().methods().invoke(HUB, "mqtt-method-1", "reboot", "{}", Duration.ofMillis(200))
                    .get(5, TimeUnit.SECONDS).outcome();
        }
        assertThat(after).isEqualTo(DirectMethods.Outcome.NOT_ONLINE);
    }

    /** One message waits for the device to subscribe, the next reaches it at once; properties come through. */
    @Test
    void cloud_to_device_messages_reach_the_device_in_order() throws Exception {
        String key = provision("mqtt-c2d-1");
        assertThat(sendCloudToDevice("mqtt-c2d-1", "first").statusCode()).isEqualTo(204);
        DeviceClient client = client("mqtt-c2d-1", key);
        java.util.concurrent.BlockingQueue<Message> received = new java.util.concurrent.LinkedBlockingQueue<>();
        try {
            client.setMessageCallback((message, context) -> {
                received.add(message);
                return com.microsoft.azure.sdk.iot.device.IotHubMessageResult.COMPLETE;
            }, null);
            client.open(true);
            Message first = received.poll(10, TimeUnit.SECONDS);
            assertThat(first).as("the waiting message").isNotNull();
            assertThat(sendCloudToDevice("mqtt-c2d-1", "second").statusCode()).isEqualTo(204);
            Message second = received.poll(10, TimeUnit.SECONDS);
            assertThat(second).as("the message sent while connected").isNotNull();

            assertThat(new String(first.getBytes(), UTF_8)).isEqualTo("first");
            assertThat(new String(second.getBytes(), UTF_8)).isEqualTo("second");
            assertThat(second.getProperty("colour")).isEqualTo("blue/green");
            assertThat(second.getMessageId()).isEqualTo("id-second");
            assertThat(second.getCorrelationId()).isEqualTo("corr-1");
        } finally {
            client.close();
        }
    }

    private HttpResponse<String> sendCloudToDevice(String deviceId, String body) throws Exception {
        return server.send("POST", "/messages/deviceBound?api-version=2021-04-12", "{\"deviceId\":\"" + deviceId
                + "\",\"body\":\"" + body + "\",\"messageId\":\"id-" + body + "\",\"correlationId\":\"corr-1\","
                + "\"properties\":{\"colour\":\"blue/green\"}}", hubToken(server));
    }
}
