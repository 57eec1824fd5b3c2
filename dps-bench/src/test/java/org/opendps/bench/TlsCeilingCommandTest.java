package org.opendps.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.opendps.cli.OpenDpsCommand;
import picocli.CommandLine;

/** {@code bench tls-ceiling} starts the bare TLS server as a process, makes every handshake, and stops it. */
class TlsCeilingCommandTest {

    @Test
    void every_handshake_is_answered_by_the_bare_server() throws Exception {
        CommandLine commandLine = OpenDpsCommand.commandLine().addSubcommand("bench", new BenchCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute("bench", "tls-ceiling", "--handshakes", "300", "--concurrency", "8",
                "--warmup", "20", "--output", "json");

        assertThat(exitCode).as(out + "\n" + err).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.path("concurrency").asInt()).isEqualTo(8);
        assertThat(report.path("warmup").asInt()).isEqualTo(20);
        assertThat(report.path("handshakes").asInt()).isEqualTo(300);
        assertThat(report.path("completed").asInt()).isEqualTo(300);
        assertThat(report.path("failed").asInt()).isZero();
        assertThat(report.path("handshakesPerSecond").asDouble()).isPositive();
        assertThat(report.path("latencyMillis").path("max").asDouble())
                .isGreaterThanOrEqualTo(report.path("latencyMillis").path("p50").asDouble()).isPositive();
    }

    /** The bare server tells whether a certificate came, and an attempt without one would count as failed. */
    @Test
    void with_client_certificate_every_handshake_presents_one() throws Exception {
        try (TlsCeiling ceiling = TlsCeiling.start(java.time.Duration.ofSeconds(10), true)) {
            for (int i = 0; i < 3; i++) {
                assertThat(ceiling.handshakeAndRequest(null).get()).isNull();
            }
        }
    }

    @Test
    void the_bare_server_ends_with_its_bench() throws Exception {
        TlsCeiling ceiling = TlsCeiling.start(java.time.Duration.ofSeconds(10), false);
        ProcessHandle server = ceiling.process().toHandle();
        assertThat(ceiling.handshakeAndRequest(null).get()).isNull();

        ceiling.close();

        assertThat(server.isAlive()).isFalse();
        assertThat(ceiling.process().exitValue()).isZero();
    }
}
