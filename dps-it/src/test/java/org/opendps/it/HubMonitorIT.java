package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.cli.OpenDpsCommand;
import picocli.CommandLine;

/**
 * A built-in hub's telemetry read from the service side: {@code GET /messages/events} and {@code opendps hub
 * monitor}, after a device sent five messages over MQTT with a raw client (any MQTT port will do).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubMonitorIT {
    private static final String HUB = "localhost";
    private static final String DEVICE = "mon-1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestServer server;
    private HubCalls calls;
    private Vertx vertx;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.withBuiltInHub(dataDir, 0);
        calls = new HubCalls(server);
        vertx = Vertx.vertx();
        String key = HubMqttIT.provision(server, DEVICE);
        MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(DEVICE)
                .setUsername(HUB + "/" + DEVICE + "/?api-version=2020-09-30")
                .setPassword(HubMqttIT.token(DEVICE, key)).setSsl(true).setHostnameVerificationAlgorithm("HTTPS")
                .setTrustOptions(new PemTrustOptions().addCertPath(server.info().caCertificate())));
        get(client.connect(server.mqttPort(), HUB));
        for (int i = 1; i <= 5; i++) {
            get(client.publish("devices/" + DEVICE + "/messages/events/n=" + i + "&kind=test",
                    Buffer.buffer("{\"n\":" + i + "}"), MqttQoS.AT_LEAST_ONCE, false, false));
        }
        // The client's publish completes when sent, not when acknowledged: wait until the hub logged all five.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (server.dps().hubDevices().telemetry().read(HUB).size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        get(client.disconnect());
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        if (calls != null) {
            calls.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static <T> T get(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private JsonNode events(String query) throws Exception {
        HttpResponse<String> response = calls.owner(HUB, "GET", "/messages/events" + query, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<Integer> bodies(JsonNode answer) throws Exception {
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode message : answer.path("messages")) {
            numbers.add(JSON.readTree(message.path("body").asText()).path("n").asInt());
        }
        return numbers;
    }

    @Test
    void the_service_reads_the_devices_messages_in_order_with_bodies_and_properties() throws Exception {
        JsonNode answer = events("");
        assertThat(bodies(answer)).containsExactly(1, 2, 3, 4, 5);
        JsonNode first = answer.path("messages").get(0);
        assertThat(first.path("deviceId").asText()).isEqualTo(DEVICE);
        assertThat(first.path("properties").path("n").asText()).isEqualTo("1");
        assertThat(first.path("properties").path("kind").asText()).isEqualTo("test");
        assertThat(first.path("enqueuedTimeUtc").asText()).isNotBlank();
        long firstSequence = first.path("sequenceNumber").asLong();
        assertThat(answer.path("nextSequenceNumber").asLong()).isEqualTo(firstSequence + 5);
    }

    @Test
    void since_pages_through_them() throws Exception {
        long first = events("?max=1").path("messages").get(0).path("sequenceNumber").asLong();
        JsonNode page = events("?since=" + (first + 1) + "&max=2");
        assertThat(bodies(page)).containsExactly(2, 3);
        JsonNode rest = events("?since=" + page.path("nextSequenceNumber").asLong());
        assertThat(bodies(rest)).containsExactly(4, 5);
        assertThat(events("?since=" + rest.path("nextSequenceNumber").asLong()).path("messages")).isEmpty();
    }

    @Test
    void a_registry_read_token_is_refused() throws Exception {
        HttpResponse<String> response = calls.send(HUB, "GET", "/messages/events", null,
                calls.policyToken(HUB, "registryRead"));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void the_cli_prints_the_messages_one_json_object_per_line() throws Exception {
        CommandLine commandLine = OpenDpsCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute("hub", "monitor", HUB, "--max", "5", "--output", "json",
                "--connection-info", server.dataDir().resolve("connection-info.json").toString());
        assertThat(exitCode).as(err.toString()).isZero();
        String[] lines = out.toString().strip().split("\\R");
        assertThat(lines).hasSize(5);
        List<Integer> numbers = new ArrayList<>();
        for (String line : lines) {
            JsonNode message = JSON.readTree(line);
            assertThat(message.path("deviceId").asText()).isEqualTo(DEVICE);
            numbers.add(JSON.readTree(message.path("body").asText()).path("n").asInt());
        }
        assertThat(numbers).containsExactly(1, 2, 3, 4, 5);
    }
}
