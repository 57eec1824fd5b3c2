package org.opendps.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opendps.store.jdbc.JdbcStorage;
import picocli.CommandLine;

/** {@code serve --database-pool-size}: its default and the range it takes (the pool opened: {@code MetricsIT}). */
class DatabasePoolSizeOptionTest {

    @Test
    void without_the_option_a_node_keeps_the_default_pool() {
        assertThat(CommandLine.populateCommand(new ServeCommand()).databasePoolSize())
                .isEqualTo(JdbcStorage.DEFAULT_POOL_SIZE);
        assertThat(ServeConfig.defaults(Path.of("data")).databasePoolSize()).isEqualTo(JdbcStorage.DEFAULT_POOL_SIZE);
    }

    @Test
    void a_size_outside_1_to_200_is_refused_naming_the_option() {
        for (String size : new String[] {"0", "-3", "201"}) {
            StringWriter err = new StringWriter();
            int exit = new CommandLine(new ServeCommand()).setErr(new PrintWriter(err))
                    .execute("--database-pool-size", size, "--data-dir", "unused");

            assertThat(exit).as(size).isEqualTo(CommandLine.ExitCode.USAGE);
            assertThat(err.toString()).as(size).contains("--database-pool-size must be from 1 to 200, not " + size);
        }
        assertThatThrownBy(() -> CommandLine.populateCommand(new ServeCommand(), "--database-pool-size", "many"))
                .isInstanceOf(CommandLine.ParameterException.class);
    }
}
