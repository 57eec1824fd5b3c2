package org.opendps.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.provisioning.DeviceCredential;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.HttpErrorMapper;
import org.opendps.server.http.device.DeviceApi;
import org.opendps.server.http.device.DeviceApiRoutes;
import org.opendps.server.mqtt.engine.MqttConnection;
import org.opendps.server.mqtt.engine.MqttSession;
import org.opendps.wire.mqtt.DpsUserName;

/** A DPS device's MQTT session over an API that answers at once, so that only the session's own delay counts. */
class DpsMqttSessionTest {
    private static final String REGISTER = "$dps/registrations/PUT/iotdps-register/?$rid=";
    private static final String POLL = "$dps/registrations/GET/iotdps-get-operationstatus/?$rid=";

    private final Vertx vertx = Vertx.vertx();
    private final WorkerExecutor worker = vertx.createSharedWorkerExecutor("dps-mqtt-test", 2);
    private final RecordingConnection connection = new RecordingConnection();
    private final BlockingQueue<String> calls = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    private final DeviceApi api = new DeviceApi() {
        @Override
        public ApiResponse register(String idScope, String registrationId, byte[] body, DeviceCredential credential,
                boolean force) {
            calls.add("register " + idScope + " " + registrationId + " " + new String(body, StandardCharsets.UTF_8)
                    + " " + credential.getClass().getSimpleName() + " " + force);
            return ApiResponse.json(202, "{\"operationId\":\"op-1\",\"status\":\"assigning\"}".getBytes(
                    StandardCharsets.UTF_8)).withHeader("Retry-After", "3");
        }

        @Override
        public ApiResponse operation(String idScope, String registrationId, String operationId,
                DeviceCredential credential) {
            throw new DpsException(DpsError.OPERATION_NOT_FOUND, "Operation '" + operationId + "' was not found.");
        }
    };

    private DpsMqttSession session(Supplier<DeviceCredential> credential) {
        return new DpsMqttSession(connection, new DpsUserName("0ne00000A01", "dev-1"), credential, api,
                new HttpErrorMapper(Clock.systemUTC()), worker, vertx);
    }

    private DpsMqttSession subscribedSession() {
        DpsMqttSession session = session(DeviceCredential.None::new);
        assertThat(session.subscribe(List.of(new MqttSession.Subscription("$dps/registrations/res/#",
                MqttQoS.EXACTLY_ONCE), new MqttSession.Subscription("$iothub/twin/res/#", MqttQoS.AT_LEAST_ONCE))))
                .containsExactly(MqttQoS.AT_LEAST_ONCE, MqttQoS.FAILURE);
        return session;
    }

    @Test
    void a_reply_waits_the_delay_then_carries_status_rid_and_retry_after_at_the_granted_qos() throws Exception {
        DpsMqttSession session = subscribedSession();
        // A first request warms the worker thread, the timers and the code path up, which may take longer than the
        // delay; the second one shows the delay alone.
        session.publish(REGISTER + "0", new byte[0], MqttQoS.AT_MOST_ONCE, false);
        connection.next();
        calls.clear();
        long start = System.nanoTime();
        assertThat(session.publish(REGISTER + "17", "{\"registrationId\":\"dev-1\"}".getBytes(StandardCharsets.UTF_8),
                MqttQoS.AT_MOST_ONCE, false)).isTrue();

        Sent reply = connection.next();
        assertThat(Duration.ofNanos(reply.atNanos() - start))
                .isGreaterThanOrEqualTo(Duration.ofMillis(10));
        assertThat(reply.topic()).isEqualTo("$dps/registrations/res/202/?$rid=17&retry-after=3");
        assertThat(reply.qos()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        assertThat(reply.payload()).contains("\"status\":\"assigning\"");
        assertThat(calls.poll()).isEqualTo("register 0ne00000A01 dev-1 {\"registrationId\":\"dev-1\"} None false");
    }

    @Test
    void a_refusal_is_answered_with_the_https_status_and_error_body() throws Exception {
        DpsMqttSession session = subscribedSession();
        session.publish(POLL + "x-1&operationId=op-9", " ".getBytes(StandardCharsets.UTF_8), MqttQoS.AT_LEAST_ONCE,
                false);

        Sent reply = connection.next();
        assertThat(reply.topic()).isEqualTo("$dps/registrations/res/404/?$rid=x-1");
        assertThat(reply.payload()).contains("\"errorCode\":404205", "op-9");
    }

    @Test
    void a_malformed_sas_password_is_401002_for_each_request() throws Exception {
        DpsMqttSession session = session(() -> DeviceApiRoutes.sas("not a token"));
        session.publish(REGISTER + "1", new byte[0], MqttQoS.AT_MOST_ONCE, false);

        Sent reply = connection.next();
        assertThat(reply.topic()).isEqualTo("$dps/registrations/res/401/?$rid=1");
        assertThat(reply.qos()).isEqualTo(MqttQoS.AT_MOST_ONCE); // never subscribed
        assertThat(reply.payload()).contains("\"errorCode\":401002");
        assertThat(calls).isEmpty();
    }

    @Test
    void another_topic_closes_the_connection_unanswered() throws Exception {
        DpsMqttSession session = subscribedSession();
        assertThat(session.publish("devices/dev-1/messages/events/", new byte[0], MqttQoS.AT_LEAST_ONCE, false))
                .isFalse();
        assertThat(connection.closed).isTrue();
        assertThat(connection.sent.poll(100, TimeUnit.MILLISECONDS)).isNull();
    }

    private record Sent(String topic, String payload, MqttQoS qos, long atNanos) {}

    private static final class RecordingConnection implements MqttConnection {
        final BlockingQueue<Sent> sent = new LinkedBlockingQueue<>();
        volatile boolean closed;

        Sent next() throws InterruptedException {
            Sent next = sent.poll(5, TimeUnit.SECONDS);
            assertThat(next).as("a reply within 5 s").isNotNull();
            return next;
        }

        @Override
        public void publish(String topic, byte[] payload, MqttQoS qos) {
            sent.add(new Sent(topic, new String(payload, StandardCharsets.UTF_8), qos, System.nanoTime()));
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public SSLSession tlsSession() {
            return null;
        }

        @Override
        public SocketAddress remoteAddress() {
            return null;
        }
    }
}
