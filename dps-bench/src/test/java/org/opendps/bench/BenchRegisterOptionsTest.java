package org.opendps.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.opendps.cli.OpenDpsCommand;
import picocli.CommandLine;

/** Bad options end with exit code 2 and say what is wrong, before anything is enrolled or dialled. */
class BenchRegisterOptionsTest {
    /** No server answers here: a command that got past its options would fail differently (exit 7 or 8). */
    private static final String[] NOWHERE = {"--connection-string",
        "HostName=127.0.0.1:9;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=AAAA",
        "--device-endpoint", "127.0.0.1:9"};

    private record Result(int exitCode, String err) {}

    private static Result bench(String... args) {
        CommandLine commandLine = OpenDpsCommand.commandLine().addSubcommand("bench", new BenchCommand());
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(new StringWriter(), true));
        commandLine.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + NOWHERE.length + 2];
        all[0] = "bench";
        all[1] = "register";
        System.arraycopy(args, 0, all, 2, args.length);
        System.arraycopy(NOWHERE, 0, all, 2 + args.length, NOWHERE.length);
        return new Result(commandLine.execute(all), err.toString());
    }

    @Test
    void concurrency_and_rate_together_are_refused() {
        Result result = bench("--devices", "5", "--concurrency", "2", "--rate", "10");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("mutually exclusive");
    }

    @Test
    void neither_concurrency_nor_rate_is_refused() {
        Result result = bench("--devices", "5");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--concurrency").contains("--rate");
    }

    @Test
    void no_devices_is_refused() {
        Result result = bench("--devices", "0", "--concurrency", "2");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--devices must be at least 1");
    }

    @Test
    void an_unknown_attestation_is_refused() {
        Result result = bench("--devices", "5", "--concurrency", "2", "--attestation", "tpm");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--attestation must be symmetric-key or x509, not 'tpm'");
    }

    @Test
    void a_zero_rate_is_refused() {
        Result result = bench("--devices", "5", "--rate", "0");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("must be positive");
    }

    @Test
    void an_unreachable_server_is_a_server_error_not_a_usage_error() {
        Result result = bench("--devices", "5", "--concurrency", "2");
        assertThat(result.exitCode()).as(result.err()).isEqualTo(7);
    }
}
