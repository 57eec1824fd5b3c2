package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendps.app.Main;
import org.opendps.app.ServeConfig;
import picocli.CommandLine;

/**
 * {@code opendps bench register} against a real OpenDPS over TLS: every simulated device of each transport and
 * attestation is assigned (its identity exists in the hub) and the report says so.
 */
class BenchIT {
    private static final int DEVICES = 125; // 500 devices in all: 250 of each attestation

    @TempDir
    static Path dataDir;

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @CsvSource({"https, symmetric-key", "https, x509", "mqtt, symmetric-key", "mqtt, x509"})
    void every_device_of_the_fleet_is_assigned_and_reported(String transport, String attestation) throws Exception {
        String prefix = "bench-" + transport + "-" + attestation;
        List<String> args = new ArrayList<>(List.of("bench", "register", "--devices", String.valueOf(DEVICES),
                "--concurrency", "8", "--warmup", "5", "--attestation", attestation, "--transport", transport,
                "--id-prefix", prefix, "--output", "json",
                "--connection-info", server.dataDir().resolve("connection-info.json").toString()));
        if (transport.equals("mqtt")) {
            args.addAll(List.of("--device-endpoint", "localhost:" + server.mqttPort()));
        }
        JsonNode report = bench(args);
        assertThat(report.path("transport").asText()).isEqualTo(transport);
        assertThat(report.path("attestation").asText()).isEqualTo(attestation);
        assertThat(report.path("devices").asInt()).isEqualTo(DEVICES);
        assertThat(report.path("completed").asInt()).isEqualTo(DEVICES);
        assertThat(report.path("failed").asInt()).isZero();
        assertThat(report.path("failures").size()).isZero();
        assertThat(report.path("notStarted").asInt()).isZero();
        assertThat(report.path("throttledRetries").asLong()).isZero();
        assertThat(report.path("registrationsPerSecond").asDouble()).isPositive();
        assertThat(report.path("cpuSeconds").asDouble()).isPositive();
        JsonNode latency = report.path("latencyMillis");
        assertThat(latency.path("p50").asDouble()).isPositive();
        assertThat(latency.path("p90").asDouble()).isGreaterThanOrEqualTo(latency.path("p50").asDouble());
        assertThat(latency.path("p99").asDouble()).isGreaterThanOrEqualTo(latency.path("p90").asDouble());
        assertThat(latency.path("max").asDouble()).isGreaterThanOrEqualTo(latency.path("p99").asDouble());
        // the warm-up devices come first, then the measured ones: all of them registered for real
        assertThat(server.hubs().devices("localhost"))
                .containsAll(IntStream.range(0, DEVICES + 5).mapToObj(i -> prefix + "-" + i).toList());
    }

    @Test
    void with_the_ceiling_the_report_gives_the_ratio_of_registrations_to_bare_handshakes() throws Exception {
        JsonNode report = bench(List.of("bench", "register", "--devices", String.valueOf(DEVICES), "--rate", "100",
                "--with-ceiling", "--id-prefix", "bench-ratio", "--output", "json",
                "--connection-info", server.dataDir().resolve("connection-info.json").toString()));

        assertThat(report.path("rate").asDouble()).isEqualTo(100);
        assertThat(report.path("completed").asInt()).isEqualTo(DEVICES);
        JsonNode ceiling = report.path("ceiling");
        assertThat(ceiling.path("completed").asInt()).isEqualTo(DEVICES);
        assertThat(ceiling.path("failed").asInt()).isZero();
        double expected = report.path("registrationsPerSecond").asDouble()
                / ceiling.path("handshakesPerSecond").asDouble();
        assertThat(report.path("ratio").asDouble()).isPositive().isCloseTo(expected, within(0.01));
    }

    @Test
    void throttled_devices_register_again_until_every_one_is_assigned(@TempDir Path throttledData) throws Exception {
        // 5 registrations per second, a burst of 10: 20 devices at once cannot all pass the first time
        try (TestServer throttled = TestServer.start(TestServer.local(throttledData)
                .withLimits(new ServeConfig.RegistrationLimits(5, 120)))) {
            JsonNode report = bench(List.of("bench", "register", "--devices", "20", "--concurrency", "20",
                    "--id-prefix", "bench-throttled", "--output", "json",
                    "--connection-info", throttled.dataDir().resolve("connection-info.json").toString()));

            assertThat(report.path("completed").asInt()).isEqualTo(20);
            assertThat(report.path("failed").asInt()).isZero();
            assertThat(report.path("throttledRetries").asLong()).isPositive();
            assertThat(throttled.hubs().devices("localhost")).hasSize(20);
        }
    }

    /** Runs the launcher's command line in-process; the JSON report once it exited 0. */
    private static JsonNode bench(List<String> args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = Main.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        int exitCode = commandLine.execute(args.toArray(String[]::new));

        assertThat(exitCode).as(out + "\n" + err).isZero();
        return new ObjectMapper().readTree(out.toString());
    }
}
