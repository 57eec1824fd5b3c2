package org.opendps.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opendps.server.limits.Limits;
import picocli.CommandLine;

class ListenerLimitOptionsTest {

    @Test
    void without_options_the_limits_are_the_documented_defaults() {
        assertThat(CommandLine.populateCommand(new ListenerLimitOptions()).limits()).isEqualTo(Limits.DEFAULTS);
    }

    @Test
    void each_option_sets_its_limit() {
        Limits limits = CommandLine.populateCommand(new ListenerLimitOptions(), "--max-header-bytes", "8192",
                "--max-uri-bytes", "2048", "--tls-handshake-timeout", "3", "--request-timeout", "4",
                "--idle-timeout", "30", "--mqtt-connect-timeout", "6", "--connections-per-address", "0",
                "--device-queue", "50", "--service-queue", "5", "--queue-wait", "2").limits();
        assertThat(limits).isEqualTo(new Limits(8192, 2048, Duration.ofSeconds(3), Duration.ofSeconds(30),
                Duration.ofSeconds(4), Duration.ofSeconds(6), 0, 50, 5, Duration.ofSeconds(2), 1));
    }

    @Test
    void values_out_of_range_are_all_named_at_once() {
        ListenerLimitOptions options = CommandLine.populateCommand(new ListenerLimitOptions(), "--idle-timeout", "0",
                "--max-header-bytes", "10", "--connections-per-address", "-1");
        assertThatThrownBy(options::limits).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("header limit").hasMessageContaining("timeouts must be positive")
                .hasMessageContaining("connections per address");
    }
}
