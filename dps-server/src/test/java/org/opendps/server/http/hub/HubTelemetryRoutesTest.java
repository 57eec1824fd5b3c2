package org.opendps.server.http.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.server.http.hub.HubRoutesFixture.HUB;
import static org.opendps.server.http.hub.HubRoutesFixture.OTHER_HUB;
import static org.opendps.server.http.hub.HubRoutesFixture.body;
import static org.opendps.server.http.hub.HubRoutesFixture.errorCode;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendps.server.http.ApiResponse;

/** {@code GET /messages/events}: the telemetry a built-in hub kept, read from the service side. */
class HubTelemetryRoutesTest {
    private final HubRoutesFixture hub = new HubRoutesFixture();

    private void send(String hubName, String deviceId, String body) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("$.mid", "m-" + body);
        properties.put("flag", null);
        hub.telemetry.append(hubName, deviceId, properties, body.getBytes(StandardCharsets.UTF_8));
    }

    private static List<Long> sequenceNumbers(JsonNode answer) {
        List<Long> numbers = new ArrayList<>();
        answer.path("messages").forEach(m -> numbers.add(m.path("sequenceNumber").asLong()));
        return numbers;
    }

    @Test
    void answers_the_hubs_messages_in_order_with_bodies_and_properties() {
        send(HUB, "dev-1", "{\"t\":1}");
        send(HUB, "dev-2", "two");
        send(OTHER_HUB, "dev-3", "elsewhere");

        JsonNode answer = body(hub.send("GET", "/messages/events", null));
        assertThat(sequenceNumbers(answer)).containsExactly(1L, 2L);
        assertThat(answer.path("nextSequenceNumber").asLong()).isEqualTo(3);
        JsonNode first = answer.path("messages").get(0);
        assertThat(first.path("deviceId").asText()).isEqualTo("dev-1");
        assertThat(first.path("body").asText()).isEqualTo("{\"t\":1}");
        assertThat(first.path("bodyBase64").asText())
                .isEqualTo(Base64.getEncoder().encodeToString("{\"t\":1}".getBytes(StandardCharsets.UTF_8)));
        assertThat(first.path("properties").path("$.mid").asText()).isEqualTo("m-{\"t\":1}");
        assertThat(first.path("properties").path("flag").isNull()).isTrue();
        assertThat(first.path("enqueuedTimeUtc").asText()).endsWith("Z");
    }

    @Test
    void since_and_max_page_and_a_reader_behind_the_bound_sees_the_gap() {
        for (int i = 1; i <= 7; i++) {
            send(HUB, "dev-1", "m" + i);
        }
        JsonNode page = body(hub.send("GET", "/messages/events?since=4&max=2", null));
        assertThat(sequenceNumbers(page)).containsExactly(4L, 5L);
        assertThat(page.path("nextSequenceNumber").asLong()).isEqualTo(6);
        // The log keeps 5: 1 and 2 are gone, so the answer starts at 3.
        assertThat(sequenceNumbers(body(hub.send("GET", "/messages/events?since=1", null))))
                .containsExactly(3L, 4L, 5L, 6L, 7L);
        JsonNode caughtUp = body(hub.send("GET", "/messages/events?since=8", null));
        assertThat(sequenceNumbers(caughtUp)).isEmpty();
        assertThat(caughtUp.path("nextSequenceNumber").asLong()).isEqualTo(8);
    }

    @Test
    void a_body_that_is_not_utf8_is_only_base64() {
        hub.telemetry.append(HUB, "dev-1", Map.of(), new byte[] {(byte) 0xff, (byte) 0xfe});
        JsonNode message = body(hub.send("GET", "/messages/events", null)).path("messages").get(0);
        assertThat(message.path("body").isNull()).isTrue();
        assertThat(message.path("bodyBase64").asText()).isEqualTo("//4=");
    }

    @Test
    void a_long_poll_with_nothing_new_answers_empty_after_the_wait() {
        send(HUB, "dev-1", "m1");
        long started = System.nanoTime();
        JsonNode answer = body(hub.send("GET", "/messages/events?since=2&wait=1", null));
        assertThat(sequenceNumbers(answer)).isEmpty();
        assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(900_000_000L);
    }

    @Test
    void needs_service_connect_and_checks_its_parameters() {
        assertThat(hub.raw("GET", "/messages/events", null, "Host", HUB, "Authorization",
                hub.token(HUB, "service")).status()).isEqualTo(200);
        ApiResponse registryRead = hub.raw("GET", "/messages/events", null, "Host", HUB, "Authorization",
                hub.token(HUB, "registryRead"));
        assertThat(registryRead.status()).isEqualTo(401);
        for (String query : List.of("since=-1", "max=0", "max=1001", "wait=31", "since=x")) {
            ApiResponse bad = hub.send("GET", "/messages/events?" + query, null);
            assertThat(bad.status()).as(query).isEqualTo(400);
            assertThat(errorCode(bad)).as(query).isNotBlank();
        }
    }
}
