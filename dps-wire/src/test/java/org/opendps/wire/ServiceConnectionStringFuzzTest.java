package org.opendps.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.fuzz.Refusals.text;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any service connection string (the CLI's {@code --connection-string}, a linked hub's): parsed and formatted back
 * to the same parts, or refused with the {@link IllegalArgumentException} the CLI reports as a usage error.
 */
class ServiceConnectionStringFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void any_connection_string_round_trips_or_is_refused(byte[] data) {
        ServiceConnectionString parsed;
        try {
            parsed = ServiceConnectionString.parse(text(data));
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(ServiceConnectionString.parse(parsed.format())).isEqualTo(parsed);
    }
}
