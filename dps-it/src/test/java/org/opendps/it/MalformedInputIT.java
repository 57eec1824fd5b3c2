package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.testsupport.net.ProxiedJvm;
import org.slf4j.LoggerFactory;

/**
 * Black-box: thousands of malformed requests against a running server (real TLS on loopback) on the service API,
 * the device API, the hub API, the HTTP layer itself and the MQTT port. None is answered with a 5xx, every 4xx
 * carries an Azure error body, well-formed requests interleaved with them are still answered correctly, and the
 * stored state is the same afterwards. {@code -Ddps.it.malformed.requests=N} sends more JSON bodies (default 2000);
 * {@code -Ddps.it.malformed.seed=S} replays a run.
 */
class MalformedInputIT {
    private static final int BODIES = Integer.getInteger("dps.it.malformed.requests", 2000);
    private static final long SEED = Long.getLong("dps.it.malformed.seed", new Random().nextLong());
    private static final String SERVICE_API = "?api-version=2021-10-01";
    private static final String DEVICE_API = "?api-version=2019-03-31";
    private static final String HUB_API = "?api-version=2021-04-12";
    private static final String HUB = "localhost";
    /** Sent with bodies that a mutation might leave valid, so that even those change nothing (412). */
    private static final String[] STALE = {"If-Match", "\"0-stale\""};
    private static final String SYM = "{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"\",\"secondaryKey\":\"\"}}";

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static HubCalls hub;
    private static DeviceCalls devices;
    private static SSLContext tls;
    private static String deviceKey;
    private static String wellFormedEnrollment;
    private static String stateBefore;
    /** What the server logs: an ERROR is a 500 or a crash, even one no client saw (the connection was gone). */
    private static final ListAppender<ILoggingEvent> LOGGED = new ListAppender<>();

    private final AtomicInteger sent = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        LOGGED.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(LOGGED);
        server = TestServer.startWithBuiltInHubs(dataDir);
        hub = new HubCalls(server);
        devices = new DeviceCalls(server);
        tls = ProxiedJvm.trusting(server.caCertificate());
        deviceKey = SharedAccessSignatures.generateKey();
        assertThat(server.sendAsOwner("PUT", "/enrollments/dev-ok" + SERVICE_API, "{\"registrationId\":\"dev-ok\","
                + "\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + deviceKey
                + "\",\"secondaryKey\":\"" + SharedAccessSignatures.generateKey() + "\"}}}").statusCode()).isEqualTo(200);
        assertThat(devices.register("dev-ok", deviceKey, null).path("status").asText()).isEqualTo("assigned");
        wellFormedEnrollment = server.sendAsOwner("GET", "/enrollments/dev-ok" + SERVICE_API, null).body();
        stateBefore = state();
        System.out.println("MalformedInputIT seed " + SEED); // replay with -Ddps.it.malformed.seed
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            assertThat(state()).as("stored state after every malformed request").isEqualTo(stateBefore);
            assertThat(LOGGED.list).filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.ERROR))
                    .extracting(ILoggingEvent::getFormattedMessage).as("errors logged").isEmpty();
        } finally {
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(LOGGED);
            hub.close();
            server.close();
        }
    }

    @Test
    void malformed_json_bodies_are_refused_with_azure_errors_on_every_api() throws Exception {
        MalformedBodies bodies = new MalformedBodies(SEED);
        String deviceToken = devices.token("fuzz-device", SharedAccessSignatures.generateKey());
        String hubOwner = HubCalls.token(hub.ownerConnectionString(HUB));
        for (int i = 0; i < BODIES; i++) {
            switch (i % 10) {
                case 0 -> answered(server.sendBytes("PUT", "/enrollments/dev-ok" + SERVICE_API,
                        bodies.from(enrollment("other", SYM)), server.ownerToken(), STALE));
                case 1 -> answered(server.sendBytes("PUT", "/enrollmentGroups/fuzz-group" + SERVICE_API, bodies.from(
                        "{\"enrollmentGroupId\":\"other-group\",\"attestation\":" + SYM + "}"), server.ownerToken(),
                        STALE));
                case 2 -> answered(server.sendBytes("POST", "/enrollments/query" + SERVICE_API, bodies.from(
                        "{\"query\":\"SELECT * FROM enrollments WHERE registrationId = 'x'\"}"), server.ownerToken()));
                case 3 -> answered(server.sendBytes("POST", "/enrollments" + SERVICE_API, bodies.from(
                        "{\"mode\":\"delete\",\"enrollments\":[" + enrollment("nobody-1", SYM) + "]}"),
                        server.ownerToken()));
                case 4 -> answered(server.sendBytes("PUT", "/linkedHubs/fuzz.hub" + SERVICE_API, bodies.from(
                        "{\"connectionString\":\"HostName=other.hub;SharedAccessKeyName=iothubowner;SharedAccessKey="
                                + "a2V5\",\"location\":\"x\",\"allocationWeight\":1}"), server.ownerToken()));
                case 5 -> answered(server.sendBytes("PUT", "/certificates/fuzz-ca" + SERVICE_API, bodies.from(
                        "{\"certificate\":\"TUlJQg==\"}"), server.ownerToken()));
                case 6 -> answered(server.sendBytes("PUT", devicePath("fuzz-device") + "/register" + DEVICE_API,
                        bodies.from("{\"registrationId\":\"fuzz-device\",\"payload\":{\"a\":[1,{\"b\":null}]}}"),
                        deviceToken));
                case 7 -> answered(server.sendBytes("PUT", devicePath("fuzz-device") + "/register" + DEVICE_API,
                        bodies.from("{\"registrationId\":\"fuzz-device\",\"tpm\":{\"endorsementKey\":\"AToAAQAL\","
                                + "\"storageRootKey\":\"AToAAQAL\"}}"), null));
                case 8 -> answered(hub.sendBytes(HUB, "PUT", "/devices/dev-ok" + HUB_API, bodies.from(
                        "{\"deviceId\":\"other-dev\",\"status\":\"enabled\"}"), hubOwner, STALE));
                default -> answered(hub.sendBytes(HUB, "POST", "/devices/query" + HUB_API, bodies.from(
                        "{\"query\":\"SELECT * FROM devices WHERE deviceId = 'x'\"}"), hubOwner));
            }
            if (i % 100 == 0) {
                wellFormedRequestsAreStillAnswered();
            }
        }
        System.out.println("MalformedInputIT JSON bodies sent: " + sent.get());
    }

    @Test
    void malformed_http_is_refused_or_dropped_and_the_server_keeps_serving() throws Exception {
        String owner = server.ownerToken();
        String put = "PUT /enrollments/fuzz-target" + SERVICE_API + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + owner + "\r\nContent-Type: application/json\r\nConnection: close\r\n";
        String body = enrollment("other", SYM);
        List<byte[]> requests = new ArrayList<>();
        requests.add(bytes(put + "Content-Length: " + (body.length() + 50) + "\r\n\r\n" + body)); // lies: longer
        requests.add(bytes(put + "Content-Length: 5\r\n\r\n" + body)); // lies: shorter, the rest a next request
        requests.add(bytes(put + "Content-Length: -1\r\n\r\n" + body));
        requests.add(bytes(put + "Content-Length: 99999999999999999999\r\n\r\n" + body));
        requests.add(bytes(put + "Content-Length: 10\r\nContent-Length: 20\r\n\r\n" + body));
        requests.add(bytes(put + "Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + "\r\n0\r\n\r\n"));
        requests.add(bytes(put + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length()) + "\r\n"
                + body + "\r\n"));
        requests.add(bytes(put + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFF\r\n" + body + "\r\n0\r\n\r\n"));
        requests.add(bytes(put + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
        requests.add(bytes(put + "Transfer-Encoding: gzip, chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"));
        requests.add(bytes(put + "X-Long: " + "a".repeat(20_000) + "\r\nContent-Length: 2\r\n\r\n{}"));
        requests.add(bytes("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        requests.add(bytes("BREW /enrollments HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        requests.add(bytes("GET /enrollments HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        requests.add(bytes("GET /enrollments\r\n\r\n"));
        requests.add(bytes("\u0000\u0001\u0002 garbage\r\n\r\n"));
        requests.add(bytes("GET /%zz%00/..%2f..%2f HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        requests.add(bytes("GET /enrollments/x" + SERVICE_API + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + "SharedAccessSignature sr=\u00ff\u00fe&sig=%&se=x\r\nConnection: close\r\n\r\n"));
        Random random = new Random(SEED);
        for (int i = 0; i < 60; i++) {
            byte[] garbage = new byte[1 + random.nextInt(2000)];
            random.nextBytes(garbage);
            requests.add(bytes(new String(garbage, StandardCharsets.ISO_8859_1) + "\r\n\r\n")); // ends a head
        }
        for (byte[] request : requests) {
            RawExchange.Answer answer = RawExchange.https(tls, server.httpsPort(), request, request.length,
                    Duration.ZERO, Duration.ofMillis(1500));
            sent.incrementAndGet();
            if (answer.answered()) {
                assertAzureShaped(answer.status(), answer.body());
            }
        }
        wellFormedRequestsAreStillAnswered();
        System.out.println("MalformedInputIT raw HTTP requests sent: " + sent.get());
    }

    @Test
    void slow_clients_are_answered_and_do_not_hold_up_others() throws Exception {
        byte[] request = bytes("GET /enrollments/dev-ok" + SERVICE_API + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: " + server.ownerToken() + "\r\nConnection: close\r\n\r\n");
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Future<RawExchange.Answer>> slow = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                slow.add(clients.submit(() -> RawExchange.https(tls, server.httpsPort(), request,
                        request.length / 20 + 1, Duration.ofMillis(100), Duration.ofSeconds(10))));
            }
            wellFormedRequestsAreStillAnswered(); // while the slow ones trickle in
            for (Future<RawExchange.Answer> answer : slow) {
                assertThat(answer.get().status()).isEqualTo(200);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void bytes_that_are_not_tls_are_dropped_on_both_ports() throws Exception {
        Random random = new Random(SEED);
        List<byte[]> garbage = new ArrayList<>(List.of(
                bytes("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"), bytes("\u0010\u0000"),
                new byte[] {0x16, 0x03, 0x01, (byte) 0xFF, (byte) 0xFF, 0x01}, new byte[] {0x16, 0x03, 0x09, 0, 1, 0}));
        for (int i = 0; i < 16; i++) {
            byte[] noise = new byte[1 + random.nextInt(4096)];
            random.nextBytes(noise);
            garbage.add(noise);
        }
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> refused = new ArrayList<>();
            for (byte[] bytes : garbage) {
                refused.add(clients.submit(() -> RawExchange.plainBytesAreRefused(server.httpsPort(), bytes)));
                refused.add(clients.submit(() -> RawExchange.plainBytesAreRefused(server.mqttPort(), bytes)));
            }
            for (Future<Boolean> closed : refused) {
                assertThat(closed.get()).as("the port closes the connection").isTrue();
            }
        } finally {
            clients.shutdownNow();
        }
        wellFormedRequestsAreStillAnswered();
    }

    @Test
    void mqtt_garbage_before_and_after_connect_closes_the_connection() throws Exception {
        Random random = new Random(SEED);
        for (int i = 0; i < 20; i++) {
            byte[] garbage = new byte[1 + random.nextInt(512)];
            random.nextBytes(garbage);
            // Packet type 0 is reserved, so the decoder refuses it at once; a plausible header with a short body
            // would instead wait for the rest until the CONNECT timeout (MqttPacketsFuzzTest covers those).
            garbage[0] = (byte) (garbage[0] & 0x0F);
            try (RawMqttClient before = RawMqttClient.tls(tls, server.mqttPort())) {
                before.sendRaw(garbage);
                assertThat(before.closedWithin(Duration.ofSeconds(10))).as("closed after garbage first").isTrue();
            }
            try (RawMqttClient after = RawMqttClient.tls(tls, server.mqttPort())) {
                after.send(dpsConnect());
                assertThat(((MqttConnAckMessage) after.next()).variableHeader().connectReturnCode())
                        .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
                after.sendRaw(garbage);
                assertThat(after.closedWithin(Duration.ofSeconds(10))).as("closed after garbage").isTrue();
            }
        }
        wellFormedRequestsAreStillAnswered();
    }

    private static io.netty.handler.codec.mqtt.MqttConnectMessage dpsConnect() {
        String scope = server.info().idScope();
        return MqttMessageBuilders.connect().clientId("dev-ok").protocolVersion(MqttVersion.MQTT_3_1_1)
                .username(scope + "/registrations/dev-ok/api-version=2019-03-31")
                .password(devices.token("dev-ok", deviceKey).getBytes(StandardCharsets.UTF_8))
                .keepAlive(60).cleanSession(true).build();
    }

    /** A read on each API gives the same answer as before: what a real client asks in between still works. */
    private static void wellFormedRequestsAreStillAnswered() throws Exception {
        HttpResponse<String> enrollment = server.sendAsOwner("GET", "/enrollments/dev-ok" + SERVICE_API, null);
        assertThat(enrollment.statusCode()).isEqualTo(200);
        assertThat(enrollment.body()).isEqualTo(wellFormedEnrollment);
        HttpResponse<String> status = server.send("POST", devicePath("dev-ok") + DEVICE_API,
                "{\"registrationId\":\"dev-ok\"}", devices.token("dev-ok", deviceKey));
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(DeviceCalls.json(status.body()).path("assignedHub").asText()).isEqualTo(HUB);
        assertThat(hub.owner(HUB, "GET", "/devices/dev-ok" + HUB_API, null).statusCode()).isEqualTo(200);
    }

    private void answered(HttpResponse<String> response) {
        sent.incrementAndGet();
        assertAzureShaped(response.statusCode(), response.body());
    }

    /** No 5xx ever; a refusal names its error code and says why, in the DPS or the IoT Hub shape. */
    private static void assertAzureShaped(int status, String body) {
        assertThat(status).as("status for a malformed request; body %s", body).isLessThan(500);
        if (status >= 400) {
            assertThat(body).as("a %d's body", status).contains("\"errorCode\"")
                    .containsIgnoringCase("\"message\":\"");
        }
    }

    /** What the service API shows and the built-in hub's device registry holds. */
    private static String state() throws Exception {
        return server.serviceApiView() + hub.owner(HUB, "POST", "/devices/query" + HUB_API,
                "{\"query\":\"SELECT * FROM devices\"}").body();
    }

    private static String devicePath(String registrationId) {
        return "/" + server.info().idScope() + "/registrations/" + registrationId;
    }

    private static String enrollment(String id, String attestation) {
        return "{\"registrationId\":\"" + id + "\",\"attestation\":" + attestation + "}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
