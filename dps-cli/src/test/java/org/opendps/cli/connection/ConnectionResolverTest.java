package org.opendps.cli.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ConnectionInfoJson;

class ConnectionResolverTest {
    private static final String KEY = "c2VjcmV0LWtleS1vZi1hdC1sZWFzdC0xNi1ieXRlcw==";
    private static final String LOCAL_CS = "HostName=localhost;SharedAccessKeyName=provisioningserviceowner;"
            + "SharedAccessKey=" + KEY;

    @TempDir
    Path dir;

    private Path writeInfo(Path dataDir, String endpoint, String ca) {
        Path file = dataDir.resolve("connection-info.json");
        ConnectionInfoJson.write(file, new ConnectionInfo("0ne0000ABCD", "localhost:8443", endpoint, LOCAL_CS, ca,
                List.of()));
        return file;
    }

    private Connection resolve(Map<String, String> env, ConnectionOptions options) {
        return new ConnectionResolver(env, dir).resolve(options);
    }

    @Test
    void reads_data_connection_info_json_in_the_working_directory_by_default() {
        writeInfo(dir.resolve("data"), "https://localhost:8443", dir.resolve("data/ca.pem").toString());

        Connection connection = resolve(Map.of(), ConnectionOptions.NONE);

        assertThat(connection.endpoint()).isEqualTo(URI.create("https://localhost:8443"));
        assertThat(connection.hostName()).isEqualTo("localhost");
        assertThat(connection.keyName()).isEqualTo("provisioningserviceowner");
        assertThat(connection.key()).isEqualTo(KEY);
        assertThat(connection.caCertificate()).isEqualTo(dir.resolve("data/ca.pem"));
    }

    @Test
    void a_relative_ca_certificate_path_is_relative_to_the_connection_info_file() {
        Path file = writeInfo(dir.resolve("elsewhere"), "https://localhost:9443", "ca.pem");

        Connection connection = resolve(Map.of(), new ConnectionOptions(file, null, null, null));

        assertThat(connection.caCertificate()).isEqualTo(dir.resolve("elsewhere/ca.pem"));
        assertThat(connection.endpoint().getPort()).isEqualTo(9443);
    }

    @Test
    void opendps_data_dir_is_looked_at_before_the_working_directory() {
        writeInfo(dir.resolve("data"), "https://localhost:1111", null);
        writeInfo(dir.resolve("custom"), "https://localhost:2222", null);

        Connection connection = resolve(Map.of("OPENDPS_DATA_DIR", dir.resolve("custom").toString()),
                ConnectionOptions.NONE);

        assertThat(connection.endpoint().getPort()).isEqualTo(2222);
    }

    @Test
    void opendps_connection_info_names_the_file() {
        Path file = writeInfo(dir.resolve("x"), "https://localhost:3333", null);

        Connection connection = resolve(Map.of("OPENDPS_CONNECTION_INFO", file.toString(),
                "OPENDPS_DATA_DIR", dir.resolve("nowhere").toString()), ConnectionOptions.NONE);

        assertThat(connection.endpoint().getPort()).isEqualTo(3333);
    }

    @Test
    void a_connection_string_targets_https_hostname_with_its_port_and_the_default_trust_store() {
        writeInfo(dir.resolve("data"), "https://localhost:8443", "ca.pem");

        Connection connection = resolve(Map.of(), new ConnectionOptions(null,
                "HostName=dps.example.com:8443;SharedAccessKeyName=reader;SharedAccessKey=" + KEY, null, null));

        assertThat(connection.endpoint()).isEqualTo(URI.create("https://dps.example.com:8443"));
        assertThat(connection.hostName()).isEqualTo("dps.example.com:8443");
        assertThat(connection.keyName()).isEqualTo("reader");
        assertThat(connection.caCertificate()).isNull();
    }

    @Test
    void the_environment_connection_string_wins_over_connection_info_files() {
        writeInfo(dir.resolve("data"), "https://localhost:8443", null);

        Connection connection = resolve(Map.of("OPENDPS_CONNECTION_STRING",
                "HostName=other;SharedAccessKeyName=p;SharedAccessKey=" + KEY), ConnectionOptions.NONE);

        assertThat(connection.endpoint()).isEqualTo(URI.create("https://other"));
    }

    @Test
    void flags_win_over_the_environment() {
        Path file = writeInfo(dir.resolve("flag"), "https://localhost:4444", null);

        Connection connection = resolve(Map.of("OPENDPS_CONNECTION_STRING",
                "HostName=other;SharedAccessKeyName=p;SharedAccessKey=" + KEY),
                new ConnectionOptions(file, null, null, null));

        assertThat(connection.endpoint().getPort()).isEqualTo(4444);
    }

    @Test
    void endpoint_and_ca_certificate_flags_override() {
        writeInfo(dir.resolve("data"), "https://localhost:8443", "ca.pem");

        Connection connection = resolve(Map.of(), new ConnectionOptions(null, null,
                URI.create("https://127.0.0.1:7443/base"), Path.of("my-ca.pem")));

        assertThat(connection.endpoint()).isEqualTo(URI.create("https://127.0.0.1:7443/base"));
        assertThat(connection.caCertificate()).isEqualTo(dir.resolve("my-ca.pem"));
    }

    @Test
    void no_connection_info_is_a_local_problem_that_says_what_to_do() {
        assertThatThrownBy(() -> resolve(Map.of(), ConnectionOptions.NONE))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.LOCAL))
                .hasMessageContaining("data/connection-info.json does not exist")
                .hasMessageContaining("--connection-info")
                .hasMessageContaining("--connection-string");
    }

    @Test
    void a_named_file_that_is_missing_or_not_json_is_a_local_problem() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");

        assertThatThrownBy(() -> resolve(Map.of(), new ConnectionOptions(dir.resolve("missing.json"), null, null,
                null)))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.LOCAL));
        assertThatThrownBy(() -> resolve(Map.of(), new ConnectionOptions(broken, null, null, null)))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.LOCAL))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void an_invalid_connection_string_flag_is_a_usage_error_that_does_not_repeat_the_key() {
        assertThatThrownBy(() -> resolve(Map.of(), new ConnectionOptions(null,
                "HostName=h;SharedAccessKey=" + KEY, null, null)))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageNotContaining(KEY);
    }

    @Test
    void connection_string_and_connection_info_flags_exclude_each_other() {
        assertThatThrownBy(() -> resolve(Map.of(), new ConnectionOptions(dir.resolve("f.json"), LOCAL_CS, null,
                null)))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @Test
    void connection_and_options_never_show_the_key() {
        assertThat(new Connection(URI.create("https://h"), "h", "p", KEY, null).toString()).doesNotContain(KEY);
        assertThat(new ConnectionOptions(null, LOCAL_CS, null, null).toString()).doesNotContain(KEY);
    }
}
