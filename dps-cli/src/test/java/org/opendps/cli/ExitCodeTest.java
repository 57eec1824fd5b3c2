package org.opendps.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

    @ParameterizedTest(name = "HTTP {0} -> exit {1}")
    @CsvSource({
        "200, 0", "204, 0",
        "404, 3",
        "409, 4", "412, 4",
        "401, 5", "403, 5",
        "400, 6", "405, 6", "413, 6", "415, 6", "429, 6",
        "500, 7", "502, 7", "503, 7", "302, 7"
    })
    void maps_http_statuses_to_exit_codes(int status, int exitCode) {
        assertThat(ExitCode.forHttpStatus(status).code()).isEqualTo(exitCode);
    }

    @Test
    void every_command_documents_the_exit_codes_in_its_help() {
        Cli.Result root = Cli.run("--help");
        Cli.Result leaf = Cli.run("enrollment-group", "update", "--help");

        for (ExitCode exitCode : ExitCode.values()) {
            String line = exitCode.code() + "   "
                    + exitCode.description().substring(0, Math.min(20, exitCode.description().length()));
            assertThat(root.out()).contains(line);
            assertThat(leaf.out()).contains(line);
        }
    }

    @Test
    void an_unknown_option_is_a_usage_error_with_a_pointer_to_help() {
        Cli.Result result = Cli.run("enrollment", "show", "--registration-id", "x", "--bogus");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: Unknown option: '--bogus'")
                .contains("Try 'opendps enrollment show --help'");
    }

    @Test
    void a_page_size_out_of_range_is_a_usage_error() {
        Cli.Result result = Cli.run("enrollment", "list", "--page-size", "0");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: --page-size must be between 1 and 1000, not 0");
    }

    @Test
    void a_group_command_without_a_subcommand_is_a_usage_error() {
        assertThat(Cli.run("enrollment").exitCode()).isEqualTo(2);
    }

    @Test
    void version_names_opendps() {
        Cli.Result result = Cli.run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("OpenDPS ");
    }
}
