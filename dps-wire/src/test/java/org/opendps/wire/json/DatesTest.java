package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatesTest {

    @Test
    void format_writes_exactly_seven_fraction_digits_in_utc() {
        assertThat(Dates.format(Instant.parse("2017-09-28T16:29:42.3447817Z")))
                .isEqualTo("2017-09-28T16:29:42.3447817Z");
        assertThat(Dates.format(Instant.parse("2017-09-28T16:29:42Z"))).isEqualTo("2017-09-28T16:29:42.0000000Z");
        assertThat(Dates.format(Instant.parse("2017-09-28T16:29:42.123456789Z")))
                .isEqualTo("2017-09-28T16:29:42.1234567Z");
        assertThat(Dates.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.0000000Z");
    }

    @ParameterizedTest
    @CsvSource({
            "2017-09-28T16:29:42.3447817Z, 2017-09-28T16:29:42.3447817Z",
            "2017-09-28T16:29:42Z, 2017-09-28T16:29:42Z",
            "2017-09-28T16:29:42.1Z, 2017-09-28T16:29:42.100Z",
            "2017-09-28T16:29:42.123456789Z, 2017-09-28T16:29:42.123456789Z",
            "2017-09-28T18:29:42.5+02:00, 2017-09-28T16:29:42.500Z",
            "2017-09-28T16:29:42+0000, 2017-09-28T16:29:42Z",
            "2017-09-28t16:29:42z, 2017-09-28T16:29:42Z",
            "2017-09-28T16:29:42, 2017-09-28T16:29:42Z",
            "2017-09-28T16:29Z, 2017-09-28T16:29:00Z"})
    void parse_takes_any_iso_8601_instant(String text, String expected) {
        assertThat(Dates.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void parse_round_trips_format() {
        Instant now = Instant.parse("2024-05-06T07:08:09.1234567Z");

        assertThat(Dates.parse(Dates.format(now))).isEqualTo(now);
    }

    @Test
    void parse_rejects_non_dates_without_echoing_them() {
        assertThatThrownBy(() -> Dates.parse("Sat, 31 Dec 2039 23:59:59 GMT"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("not an ISO-8601 date and time");
        assertThatThrownBy(() -> Dates.parse("2017-02-30T00:00:00Z")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Dates.parse("2017-09-28T16:29:42.1234567890Z"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
