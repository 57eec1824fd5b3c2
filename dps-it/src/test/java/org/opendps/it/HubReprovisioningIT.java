package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mqtt.MqttConnectionException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * A device moved between two built-in hubs by reprovisioning with migrate: over MQTT it reaches the new hub with
 * its twin, reported properties included, and the old hub no longer lets it in. The hub is named in the CONNECT
 * user name, so both hubs are reached through one loopback address.
 */
class HubReprovisioningIT {
    private static final String HUB_A = "localhost";
    private static final String HUB_B = "127.0.0.2";
    private static final String API = "?api-version=2021-10-01";

    private final Vertx vertx = Vertx.vertx();
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        get(vertx.close());
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_migrated_device_connects_to_its_new_hub_with_its_twin_and_no_longer_to_the_old_one(@TempDir Path dataDir)
            throws Exception {
        server = TestServer.startWithBuiltInHubs(dataDir, HUB_B);
        String key = SharedAccessSignatures.generateKey();
        enroll("mover", key, HUB_A);
        assertThat(register("mover", key).path("assignedHub").asText()).isEqualTo(HUB_A);
        MqttClient onA = connect(HUB_A, "mover", key);
        CompletableFuture<String> reported = new CompletableFuture<>();
        onA.publishHandler(message -> reported.complete(message.topicName()));
        get(onA.subscribe("$iothub/twin/res/#", 1));
        get(onA.publish("$iothub/twin/PATCH/properties/reported/?$rid=1",
                Buffer.buffer("{\"battery\":87}"), MqttQoS.AT_LEAST_ONCE, false, false));
        assertThat(reported.get(10, TimeUnit.SECONDS)).startsWith("$iothub/twin/res/204/");
        get(onA.disconnect());

        enroll("mover", key, HUB_B);
        JsonNode moved = register("mover", key);

        assertThat(moved.path("assignedHub").asText()).isEqualTo(HUB_B);
        assertThat(moved.path("substatus").asText()).isEqualTo("deviceDataMigrated");
        assertThat(refusal(HUB_A, "mover", key)).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        MqttClient onB = connect(HUB_B, "mover", key);
        CompletableFuture<String> twin = new CompletableFuture<>();
        onB.publishHandler(message -> twin.complete(message.payload().toString(StandardCharsets.UTF_8)));
        get(onB.subscribe("$iothub/twin/res/#", 1));
        get(onB.publish("$iothub/twin/GET/?$rid=2", Buffer.buffer(), MqttQoS.AT_LEAST_ONCE, false, false));
        JsonNode body = DeviceCalls.json(twin.get(10, TimeUnit.SECONDS));
        assertThat(body.at("/desired/interval").asInt()).isEqualTo(30);
        assertThat(body.at("/reported/battery").asInt()).as("reported properties moved too").isEqualTo(87);
        get(onB.disconnect());
    }

    private void enroll(String id, String key, String hub) throws Exception {
        String body = "{\"registrationId\":\"" + id + "\",\"attestation\":{\"type\":\"symmetricKey\","
                + "\"symmetricKey\":{\"primaryKey\":\"" + key + "\",\"secondaryKey\":\""
                + SharedAccessSignatures.generateKey() + "\"}},\"allocationPolicy\":\"static\",\"iotHubs\":[\"" + hub
                + "\"],\"reprovisionPolicy\":{\"updateHubAssignment\":true,\"migrateDeviceData\":true},"
                + "\"initialTwin\":{\"tags\":{},\"properties\":{\"desired\":{\"interval\":30}}}}";
        assertThat(server.sendAsOwner("PUT", "/enrollments/" + id + API, body, "If-Match", "*").statusCode())
                .isEqualTo(200);
    }

    private JsonNode register(String id, String key) throws Exception {
        JsonNode result = new DeviceCalls(server).register(id, key, null);
        assertThat(result.path("status").asText()).isEqualTo("assigned");
        return result.path("registrationState");
    }

    private MqttClient connect(String hub, String deviceId, String key) throws Exception {
        MqttClientOptions options = new MqttClientOptions().setClientId(deviceId)
                .setUsername(hub + "/" + deviceId + "/?api-version=2020-09-30")
                .setPassword(HubMqttIT.token(hub, deviceId, key)).setCleanSession(false)
                .setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(new PemTrustOptions().addCertPath(server.info().caCertificate()));
        MqttClient client = MqttClient.create(vertx, options);
        get(client.connect(server.mqttPort(), "localhost"));
        return client;
    }

    private MqttConnectReturnCode refusal(String hub, String deviceId, String key) throws Exception {
        try {
            get(connect(hub, deviceId, key).disconnect());
            return MqttConnectReturnCode.CONNECTION_ACCEPTED;
        } catch (ExecutionException e) {
            return e.getCause() instanceof MqttConnectionException refused ? refused.code() : null;
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
