package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.wire.ConnectionInfo;

/**
 * {@code opendps serve} as its own process, as a user runs it: it comes up on a fresh data directory, writes
 * connection-info.json, stops cleanly on SIGTERM and comes back with the same identity and data.
 */
class ServeProcessIT {
    @TempDir
    Path temp;

    @Test
    void serve_writes_connection_info_and_a_restart_keeps_identity_keys_and_enrollments() throws Exception {
        Path dataDir = temp.resolve("data");
        ServeProcess first = new ServeProcess(dataDir, 0, 0);
        ConnectionInfo info = first.start();
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
        HttpResponse<String> created = first.client().send("PUT",
                "/enrollments/kept-device?api-version=2021-10-01",
                "{\"registrationId\":\"kept-device\",\"attestation\":{\"type\":\"symmetricKey\"}}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        assertThat(first.client().send("GET", "/health", null).statusCode()).isEqualTo(200);
        assertThat(first.client().send("GET", "/metrics", null).statusCode()).as("off by default")
                .isEqualTo(404);
        first.stop();

        try (ServeProcess second = new ServeProcess(dataDir, 0, 0, "--metrics")) {
            ConnectionInfo again = second.start();
            RemoteServer remote = second.client();
            assertThat(again.idScope()).isEqualTo(info.idScope());
            assertThat(again.serviceConnectionString()).isEqualTo(info.serviceConnectionString());
            assertThat(again.hubs()).isEqualTo(info.hubs());
            assertThat(Files.readString(Path.of(again.caCertificate()))).isEqualTo(caBefore);
            HttpResponse<String> kept = remote.send("GET", "/enrollments/kept-device?api-version=2021-10-01", null);
            assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
            HttpResponse<String> metrics = remote.send("GET", "/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes", "hikaricp_connections");
            second.stop();
        }
    }

    @Test
    void a_port_in_use_is_one_clear_line_and_exit_code_1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServeProcess serve = new ServeProcess(temp.resolve("data"), taken.getLocalPort(), 0);
            Process process = serve.launch();
            assertThat(process.waitFor(ServeProcess.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(errorLines(serve.log())).singleElement().asString()
                    .contains("HTTPS").contains(String.valueOf(taken.getLocalPort()));
        }
    }

    @Test
    void an_unusable_data_directory_is_one_clear_line_and_exit_code_1() throws Exception {
        Path notADirectory = Files.writeString(temp.resolve("file"), "x");
        ServeProcess serve = new ServeProcess(notADirectory, 0, 0);
        Process process = serve.launch();
        assertThat(process.waitFor(ServeProcess.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(errorLines(serve.log())).singleElement().asString().contains(notADirectory.toString());
    }

    private static List<String> errorLines(String stderr) {
        return stderr.lines().filter(line -> line.startsWith("error:")).toList();
    }
}
