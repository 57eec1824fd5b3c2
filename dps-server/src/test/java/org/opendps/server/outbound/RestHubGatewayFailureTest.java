package org.opendps.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.opendps.server.outbound.RestHubGatewayTest.HUB;
import static org.opendps.server.outbound.RestHubGatewayTest.KEY;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.HubGateway.HubException;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.server.outbound.FakeIotHub.Received;

/** What a hub's refusals, silences and absences become, and how the SAS token is reused. */
class RestHubGatewayFailureTest {
    private final FakeIotHub hub = new FakeIotHub("iothubowner", KEY);
    private final RestHubGateway gateway = RestHubGatewayTest.gatewayTo(hub);

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void a_wrong_key_is_not_retryable_and_the_message_names_host_and_status_but_no_secret() {
        String wrongKey = SharedAccessSignatures.generateKey();
        LinkedHub wrong = new LinkedHub(HUB.hostName(), "iothubowner", wrongKey, "", 1, true);

        HubException e = catchThrowableOfType(HubException.class, () -> gateway.getDevice(wrong, "dev-1"));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("IoT hub hub-a.example.net answered 401 IotHubUnauthorizedAccess to GET"
                + " /devices/dev-1. Check the key of shared access policy 'iothubowner' and that the policy grants"
                + " RegistryReadWrite and ServiceConnect.");
        assertThat(e.getMessage()).doesNotContain(wrongKey).doesNotContain(KEY).doesNotContain("sig=");
    }

    @Test
    void service_unavailable_and_throttling_are_retryable_other_refusals_not() {
        hub.answerEverything(503);
        HubException busy = catchThrowableOfType(HubException.class, () -> gateway.deleteDevice(HUB, "dev-1"));
        hub.answerEverything(429);
        HubException throttled = catchThrowableOfType(HubException.class, () -> gateway.readTwin(HUB, "dev-1"));
        hub.answerEverything(403);
        HubException quota = catchThrowableOfType(HubException.class, () -> gateway.getDevice(HUB, "dev-1"));

        assertThat(busy.retryable()).isTrue();
        assertThat(busy.getMessage()).isEqualTo("IoT hub hub-a.example.net answered 503 ServerBusy to DELETE"
                + " /devices/dev-1.");
        assertThat(throttled.retryable()).isTrue();
        assertThat(quota.retryable()).isFalse();
    }

    @Test
    void a_stalled_response_times_out_as_retryable_within_the_request_timeout() {
        hub.stall();
        RestHubGateway impatient = new RestHubGateway(h -> hub.baseUri(), Duration.ofSeconds(5),
                Duration.ofMillis(300), List.of(FakeIotHub.CA.certificate()));
        long start = System.nanoTime();

        HubException e = catchThrowableOfType(HubException.class, () -> impatient.getDevice(HUB, "dev-1"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(e.retryable()).isTrue();
        assertThat(e.getMessage()).isEqualTo("IoT hub hub-a.example.net did not answer GET /devices/dev-1 within"
                + " 300 ms.");
    }

    @Test
    void a_hub_nobody_listens_for_is_retryable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RestHubGateway nowhere = new RestHubGateway(h -> URI.create("https://127.0.0.1:" + closedPort),
                Duration.ofSeconds(2), Duration.ofSeconds(5), List.of());

        assertThatThrownBy(() -> nowhere.getDevice(HUB, "dev-1")).isInstanceOfSatisfying(HubException.class,
                e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void a_replace_of_the_twin_of_an_unknown_device_is_not_retryable() {
        HubException e = catchThrowableOfType(HubException.class,
                () -> gateway.replaceTwin(HUB, "nobody", DeviceTwin.EMPTY));

        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).isEqualTo("IoT hub hub-a.example.net answered 404 DeviceNotFound to PUT"
                + " /twins/nobody.");
    }

    @Test
    void one_token_serves_a_hub_until_five_minutes_before_its_hour_is_up_or_its_key_changes() {
        MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
        RestHubGateway timed = new RestHubGateway(new HubRestClient(h -> hub.baseUri(), Duration.ofSeconds(5),
                Duration.ofSeconds(5), List.of(FakeIotHub.CA.certificate()), clock));
        LinkedHub rotated = new LinkedHub(HUB.hostName(), "iothubowner", SharedAccessSignatures.generateKey(), "", 1,
                true);

        timed.getDevice(HUB, "dev-1");
        clock.now = clock.now.plus(Duration.ofMinutes(54));
        timed.getDevice(HUB, "dev-1");
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        timed.getDevice(HUB, "dev-1");
        assertThatThrownBy(() -> timed.getDevice(rotated, "dev-1")).isInstanceOf(HubException.class);

        List<String> tokens = hub.received().stream().map(Received::authorization).toList();
        assertThat(tokens.get(0)).endsWith("&se=" + Instant.parse("2024-05-01T11:00:00Z").getEpochSecond()
                + "&skn=iothubowner");
        assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
        assertThat(tokens.get(2)).isNotEqualTo(tokens.get(1));
        assertThat(tokens.get(3)).isNotEqualTo(tokens.get(2));
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {
        volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
