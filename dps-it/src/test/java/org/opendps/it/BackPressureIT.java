package org.opendps.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.app.ServeConfig;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.server.limits.Limits;
import org.opendps.testsupport.hub.InMemoryHubGateway;
import org.opendps.testsupport.hub.SlowHubGateway;
import org.opendps.testsupport.net.ProxiedJvm;

/**
 * Back-pressure against a hub that stalls: a flood of registrations is answered at once, most with 429 and
 * Retry-After (HTTPS) or its MQTT topic, instead of every device waiting longer and longer; the devices that were
 * taken are assigned once the hub is back, and new ones register again. The bounds are made small here so that a
 * few dozen devices reach them.
 */
class BackPressureIT {
    private static final int FLOOD = 60;
    private static final int MAX_PENDING_ASSIGNMENTS = 6;
    private static final int SERVICE_QUEUE = 8;
    private static final Duration QUEUE_WAIT = Duration.ofSeconds(1);
    /**
     * The single round trip (1.5 s), the longest wait for a worker, and room for a loaded CI machine (60 TLS
     * handshakes at once on two busy cores). Without the bounds every device would be taken and wait for a hub
     * that answers one call in 4 s; what tells the two apart is the 429s, this only keeps every answer prompt.
     */
    private static final Duration LATENCY_BOUND = Duration.ofMillis(1500).plus(QUEUE_WAIT).plusSeconds(5);
    private static final String API = "?api-version=2021-10-01";

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static SlowHubGateway hub;
    private static String groupKey;

    @BeforeAll
    static void start() throws Exception {
        ServeConfig config = TestServer.local(dataDir)
                .withListenerLimits(Limits.DEFAULTS.withQueues(10, SERVICE_QUEUE, QUEUE_WAIT))
                .withLimits(new ServeConfig.RegistrationLimits(5000, 120, MAX_PENDING_ASSIGNMENTS));
        hub = new SlowHubGateway(new InMemoryHubGateway(), Duration.ZERO);
        server = TestServer.start(config, null, hub);
        groupKey = SharedAccessSignatures.generateKey();
        HttpResponse<String> group = server.sendAsOwner("PUT", "/enrollmentGroups/flood" + API,
                "{\"enrollmentGroupId\":\"flood\",\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":"
                        + "{\"primaryKey\":\"" + groupKey + "\",\"secondaryKey\":\"" + groupKey + "\"}}}");
        assertThat(group.statusCode()).as(group.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Attempt(String registrationId, HttpResponse<String> response, Duration latency) {}

    @Test
    void a_flood_against_a_stalled_hub_gets_429_with_retry_after_in_bounded_time_and_recovers() throws Exception {
        DeviceCalls devices = new DeviceCalls(server);
        hub.delay(Duration.ofSeconds(4));
        try {
            floodAndRecover(devices);
        } finally {
            hub.delay(Duration.ZERO);
        }
    }

    private static void floodAndRecover(DeviceCalls devices) throws Exception {
        List<Attempt> attempts = flood(devices);

        List<Attempt> taken = attempts.stream().filter(a -> a.response().statusCode() / 100 == 2).toList();
        List<Attempt> refused = attempts.stream().filter(a -> a.response().statusCode() == 429).toList();
        assertThat(taken.size() + refused.size()).as("every answer is 2xx or 429").isEqualTo(FLOOD);
        assertThat(taken).hasSizeBetween(1, MAX_PENDING_ASSIGNMENTS);
        for (Attempt attempt : refused) {
            assertThat(attempt.response().headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
            assertThat(DeviceCalls.json(attempt.response().body()).path("errorCode").asInt()).isEqualTo(429001);
        }
        assertThat(attempts).allSatisfy(a -> assertThat(a.latency()).isLessThan(LATENCY_BOUND));

        // The hub is still stalled: the service API answers all the same, and an MQTT device hears 429 too.
        long start = System.nanoTime();
        assertThat(server.sendAsOwner("GET", "/enrollmentGroups/flood" + API, null).statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(registerOverMqtt(devices, "flood-mqtt")).startsWith("$dps/registrations/res/429/?$rid=1&")
                .containsPattern("retry-after=[1-9]");

        hub.delay(Duration.ZERO);
        for (Attempt attempt : taken) {
            assertThat(pollUntilDone(devices, attempt)).as(attempt.registrationId()).isEqualTo("assigned");
        }
        assertThat(devices.register("flood-after", key("flood-after"), null).path("status").asText())
                .isEqualTo("assigned");
        assertThat(registerOverMqtt(devices, "flood-mqtt")).startsWith("$dps/registrations/res/200/?$rid=1");
    }

    /**
     * The service API has its own bounded queue: deprovisioning calls the stalled hub, and past the queue the calls
     * are refused with 429 and Retry-After at once rather than waiting their turn.
     */
    @Test
    void service_calls_against_a_stalled_hub_get_429_with_retry_after_past_their_queue() throws Exception {
        DeviceCalls devices = new DeviceCalls(server);
        hub.delay(Duration.ZERO);
        int calls = 2 * SERVICE_QUEUE;
        for (int i = 0; i < calls; i++) {
            devices.register("service-" + i, key("service-" + i), null);
        }
        hub.delay(Duration.ofSeconds(1));
        ExecutorService threads = Executors.newFixedThreadPool(calls);
        List<Future<Attempt>> sent = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                String id = "service-" + i;
                sent.add(threads.submit(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> response = server.sendAsOwner("POST", "/registrations/" + id
                            + "/deprovision" + API, "{\"action\":\"disable\"}");
                    return new Attempt(id, response, Duration.ofNanos(System.nanoTime() - start));
                }));
            }
            List<Attempt> attempts = new ArrayList<>();
            for (Future<Attempt> call : sent) {
                attempts.add(call.get());
            }
            List<Attempt> refused = attempts.stream().filter(a -> a.response().statusCode() == 429).toList();
            assertThat(attempts).allSatisfy(a -> assertThat(a.response().statusCode()).as(a.response().body())
                    .isIn(200, 429));
            assertThat(refused).isNotEmpty();
            for (Attempt attempt : refused) {
                assertThat(attempt.response().headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
                assertThat(DeviceCalls.json(attempt.response().body()).path("errorCode").asInt()).isEqualTo(429001);
                assertThat(attempt.latency()).isLessThan(QUEUE_WAIT.plusSeconds(2));
            }
        } finally {
            threads.shutdownNow();
            hub.delay(Duration.ZERO);
        }
        assertThat(server.sendAsOwner("POST", "/registrations/service-0/deprovision" + API,
                "{\"action\":\"disable\"}").statusCode()).as("served again").isEqualTo(200);
    }

    private static List<Attempt> flood(DeviceCalls devices) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(FLOOD);
        try {
            List<Future<Attempt>> calls = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                String id = "flood-" + i;
                calls.add(threads.submit(() -> {
                    long sent = System.nanoTime();
                    HttpResponse<String> response = devices.put(id, devices.token(id, key(id)), null);
                    return new Attempt(id, response, Duration.ofNanos(System.nanoTime() - sent));
                }));
            }
            List<Attempt> attempts = new ArrayList<>();
            for (Future<Attempt> call : calls) {
                attempts.add(call.get());
            }
            return attempts;
        } finally {
            threads.shutdownNow();
        }
    }

    private static String pollUntilDone(DeviceCalls devices, Attempt attempt) throws Exception {
        var status = DeviceCalls.json(attempt.response().body());
        String token = devices.token(attempt.registrationId(), key(attempt.registrationId()));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (status.path("status").asText().equals("assigning") && System.nanoTime() < deadline) {
            Thread.sleep(500);
            status = DeviceCalls.json(devices.poll(attempt.registrationId(), status.path("operationId").asText(),
                    token).body());
        }
        return status.path("status").asText();
    }

    /** Registers over MQTT as the SDKs do and returns the topic of the answer. */
    private static String registerOverMqtt(DeviceCalls devices, String id) throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(ProxiedJvm.trusting(server.caCertificate()),
                server.mqttPort())) {
            client.send(MqttMessageBuilders.connect().clientId(id).protocolVersion(MqttVersion.MQTT_3_1_1)
                    .cleanSession(true).keepAlive(60).hasUser(true)
                    .username(server.info().idScope() + "/registrations/" + id + "/api-version=2019-03-31")
                    .hasPassword(true).password(devices.token(id, key(id)).getBytes(UTF_8)).build());
            MqttMessage connAck = client.next();
            assertThat(((MqttConnAckMessage) connAck).variableHeader().connectReturnCode())
                    .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            client.send(MqttMessageBuilders.subscribe().messageId(1)
                    .addSubscription(MqttQoS.AT_MOST_ONCE, "$dps/registrations/res/#").build());
            client.next(); // SUBACK
            client.send(MqttMessageBuilders.publish().topicName("$dps/registrations/PUT/iotdps-register/?$rid=1")
                    .qos(MqttQoS.AT_MOST_ONCE).payload(Unpooled.copiedBuffer("{\"registrationId\":\"" + id + "\"}",
                            UTF_8)).build());
            MqttPublishMessage reply = (MqttPublishMessage) client.next();
            return reply.variableHeader().topicName();
        }
    }

    private static String key(String registrationId) {
        return SharedAccessSignatures.hmac(groupKey, registrationId);
    }
}
