package org.opendps.hub.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
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
}
