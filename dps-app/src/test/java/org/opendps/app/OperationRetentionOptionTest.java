package org.opendps.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code serve --operation-retention}: its default, the durations it reads and the values it refuses. */
class OperationRetentionOptionTest {

    @Test
    void without_the_option_operations_are_kept_24_hours() {
        assertThat(retentionOf()).isEqualTo(Duration.ofHours(24));
        assertThat(ServeConfig.defaults(Path.of("data")).operationRetention()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void days_hours_minutes_and_bare_seconds_are_read() {
        assertThat(retentionOf("--operation-retention", "7d")).isEqualTo(Duration.ofDays(7));
        assertThat(retentionOf("--operation-retention", "36h")).isEqualTo(Duration.ofHours(36));
        assertThat(retentionOf("--operation-retention", "30M")).isEqualTo(Duration.ofMinutes(30));
        assertThat(retentionOf("--operation-retention", "900s")).isEqualTo(Duration.ofSeconds(900));
        assertThat(retentionOf("--operation-retention", "86400")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void a_retention_within_the_abandoned_operation_window_is_refused_naming_the_option_and_the_minimum() {
        StringWriter err = new StringWriter();
        CommandLine serve = new CommandLine(new ServeCommand()).setErr(new PrintWriter(err));

        int exit = serve.execute("--operation-retention", "5m");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--operation-retention").contains("'5m' is less than the minimum, 10m");
    }

    @Test
    void the_minimum_itself_is_accepted() {
        assertThat(retentionOf("--operation-retention", "10m")).isEqualTo(Duration.ofMinutes(10));
        assertThatThrownBy(() -> retentionOf("--operation-retention", "599"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("less than the minimum");
    }

    @Test
    void what_is_not_a_duration_is_refused() {
        for (String value : new String[] {"", "-1h", "1.5h", "1 day", "PT24H", "24hours"}) {
            assertThatThrownBy(() -> retentionOf("--operation-retention", value)).as(value)
                    .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("is not a duration");
        }
    }

    @Test
    void a_config_made_in_code_is_held_to_the_same_minimum() {
        assertThatThrownBy(() -> ServeConfig.defaults(Path.of("data")).withOperationRetention(Duration.ofMinutes(9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--operation-retention must be at least 10m, not 9m");
    }

    private static Duration retentionOf(String... args) {
        return CommandLine.populateCommand(new ServeCommand(), args).operationRetention();
    }
}
