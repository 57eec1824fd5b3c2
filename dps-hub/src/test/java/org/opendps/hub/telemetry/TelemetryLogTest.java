package org.opendps.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opendps.hub.MutableClock;

class TelemetryLogTest {
    private final TelemetryLog log = new TelemetryLog(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")), 3);

    @Test
    void keeps_the_last_messages_per_hub_in_order() {
        for (int i = 1; i <= 5; i++) {
            log.append("Hub.Example", "d1", Map.of("n", "" + i), ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
        log.append("other.example", "d2", Map.of(), new byte[0]);
        assertThat(log.read("hub.example")).extracting(TelemetryMessage::sequenceNumber).containsExactly(3L, 4L, 5L);
        assertThat(log.read("hub.example").get(0).properties()).containsEntry("n", "3");
        assertThat(new String(log.read("hub.example").get(2).body(), StandardCharsets.UTF_8)).isEqualTo("m5");
        assertThat(log.readAfter("hub.example", 4)).hasSize(1);
        assertThat(log.read("other.example")).hasSize(1);
        assertThat(log.read("none.example")).isEmpty();
    }

    @Test
    void numbers_each_hub_from_one_without_gaps() {
        assertThat(log.append("a.example", "d1", Map.of(), new byte[0]).sequenceNumber()).isEqualTo(1);
        assertThat(log.append("b.example", "d1", Map.of(), new byte[0]).sequenceNumber()).isEqualTo(1);
        assertThat(log.append("A.example", "d2", Map.of(), new byte[0]).sequenceNumber()).isEqualTo(2);
    }

    @Test
    void reads_pages_after_a_sequence_number() {
        for (int i = 1; i <= 3; i++) {
            log.append("hub.example", "d1", Map.of(), new byte[0]);
        }
        assertThat(log.readAfter("hub.example", 0, 2)).extracting(TelemetryMessage::sequenceNumber)
                .containsExactly(1L, 2L);
        assertThat(log.readAfter("hub.example", 2, 2)).extracting(TelemetryMessage::sequenceNumber)
                .containsExactly(3L);
        assertThat(log.readAfter("hub.example", 3, 2)).isEmpty();
        assertThat(log.readAfter("hub.example", 99, 2)).isEmpty();
        assertThat(log.readAfter("none.example", 0, 2)).isEmpty();
    }

    @Test
    void a_reader_behind_the_bound_gets_what_is_left_and_sees_the_gap() {
        for (int i = 1; i <= 7; i++) {
            log.append("hub.example", "d1", Map.of(), new byte[0]);
        }
        // capacity 3: 1..4 are gone, so reading after 1 starts at 5
        assertThat(log.readAfter("hub.example", 1, 10)).extracting(TelemetryMessage::sequenceNumber)
                .containsExactly(5L, 6L, 7L);
        assertThat(log.readAfter("hub.example", 5, 1)).extracting(TelemetryMessage::sequenceNumber)
                .containsExactly(6L);
    }

    @Test
    void a_long_poll_returns_as_soon_as_a_message_arrives() throws Exception {
        log.append("hub.example", "d1", Map.of(), new byte[0]);
        CompletableFuture<List<TelemetryMessage>> polled =
                CompletableFuture.supplyAsync(() -> {
                    try {
                        return log.awaitAfter("hub.example", 1, 10, Duration.ofSeconds(20));
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
        Thread.sleep(100);
        log.append("hub.example", "d1", Map.of(), new byte[0]);
        assertThat(polled.get(5, TimeUnit.SECONDS)).extracting(TelemetryMessage::sequenceNumber)
                .containsExactly(2L);
        assertThat(log.awaitAfter("hub.example", 2, 10, Duration.ofMillis(50))).isEmpty();
    }
}
