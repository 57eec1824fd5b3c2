package org.opendps.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class InstantsTest {
    @Test
    void micros_round_trip_exactly_from_before_the_epoch_to_year_9999() {
        for (String text : new String[] {"1969-12-31T23:59:59.999999Z", "1970-01-01T00:00:00Z",
                "2026-01-02T03:04:05.123456Z", "9999-12-31T23:59:59.999999Z", "0001-01-01T00:00:00Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(Instants.fromMicros(Instants.toMicros(instant))).isEqualTo(instant);
        }
    }

    @Test
    void nanoseconds_below_the_microsecond_are_dropped_as_truncatedTo_drops_them() {
        for (String text : new String[] {"2026-01-02T03:04:05.123456789Z", "1969-12-31T23:59:59.999999999Z"}) {
            Instant instant = Instant.parse(text);
            assertThat(Instants.fromMicros(Instants.toMicros(instant)))
                    .isEqualTo(instant.truncatedTo(ChronoUnit.MICROS));
        }
    }
}
