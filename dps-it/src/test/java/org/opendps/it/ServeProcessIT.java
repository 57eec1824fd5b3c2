package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ConnectionInfoJson;

/**
 * {@code opendps serve} as its own process, as a user runs it: it comes up on a fresh data directory, writes
 * connection-info.json, stops cleanly on SIGTERM and comes back with the same identity and data.
 */
class ServeProcessIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void serve_writes_connection_info_and_a_restart_keeps_identity_keys_and_enrollments() throws Exception {
        Path dataDir = temp.resolve("data");
        Process first = serve(dataDir, 0);
        ConnectionInfo info = awaitConnectionInfo(first, dataDir);
        assertThat(info.idScope()).matches("0ne[0-9A-F]{8}");
        assertThat(info.serviceConnectionString()).startsWith("HostName=localhost;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=");
        assertThat(info.deviceEndpoint()).startsWith("localhost:");
        assertThat(info.serviceEndpoint()).startsWith("https://localhost:");
        assertThat(Path.of(info.caCertificate())).isAbsolute().exists();
        assertThat(info.hubs()).singleElement().satisfies(hub -> {
            assertThat(hub.hostName()).isEqualTo("localhost");
            assertThat(hub.connectionString()).startsWith("HostName=localhost;SharedAccessKeyName=iothubowner;");
        });
        String caBefore = Files.readString(Path.of(info.caCertificate()));
        HttpResponse<String> created = new RemoteServer(info).send("PUT",
                "/enrollments/kept-device?api-version=2021-10-01",
                "{\"registrationId\":\"kept-device\",\"attestation\":{\"type\":\"symmetricKey\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(new RemoteServer(info).send("GET", "/health", null).statusCode()).isEqualTo(200);
        assertThat(new RemoteServer(info).send("GET", "/metrics", null).statusCode()).as("off by default")
                .isEqualTo(404);
        stop(first);
        Files.delete(dataDir.resolve("connection-info.json"));

        Process second = serve(dataDir, 0, "--metrics");
        ConnectionInfo again = awaitConnectionInfo(second, dataDir);
        try {
            RemoteServer remote = new RemoteServer(again);
            assertThat(again.idScope()).isEqualTo(info.idScope());
            assertThat(again.serviceConnectionString()).isEqualTo(info.serviceConnectionString());
            assertThat(again.hubs()).isEqualTo(info.hubs());
            assertThat(Files.readString(Path.of(again.caCertificate()))).isEqualTo(caBefore);
            HttpResponse<String> kept = remote.send("GET", "/enrollments/kept-device?api-version=2021-10-01", null);
            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
            HttpResponse<String> metrics = remote.send("GET", "/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes", "hikaricp_connections");
        } finally {
            stop(second);
        }
    }

    @Test
    void a_port_in_use_is_one_clear_line_and_exit_code_1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process process = serve(temp.resolve("data"), taken.getLocalPort());
            assertThat(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(errorLines(stderr)).singleElement().asString()
                    .contains("HTTPS").contains(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void an_unusable_data_directory_is_one_clear_line_and_exit_code_1() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("file"), "x");
        Process process = serve(notADirectory, 0);
        assertThat(process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(errorLines(stderr)).singleElement().asString().contains(notADirectory.toString());
    }

    private static List<String> errorLines(String stderr) {
        return stderr.lines().filter(line -> line.startsWith("error:")).toList();
    }

    private static Process serve(Path dataDir, int httpsPort, String... moreOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), "org.opendps.app.Main", "serve",
                "--data-dir", dataDir.toString(), "--bind", "127.0.0.1", "--https-port", String.valueOf(httpsPort),
                "--mqtt-port", "0"));
        command.addAll(List.of(moreOptions));
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static ConnectionInfo awaitConnectionInfo(Process process, Path dataDir) throws Exception {
        Path file = dataDir.resolve("connection-info.json");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                return ConnectionInfoJson.read(file);
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue() + ": "
                        + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("serve wrote no connection-info.json within " + START_TIMEOUT);
    }

    /** SIGTERM, then a clean exit within 10 s (143 is the JVM's code for a SIGTERM it handled). */
    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(10, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("exited within 10 s of SIGTERM").isTrue();
        assertThat(process.exitValue()).isIn(0, 143);
    }
}
