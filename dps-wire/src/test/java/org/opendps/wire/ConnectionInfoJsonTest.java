package org.opendps.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionInfoJsonTest {
    private static final ConnectionInfo INFO = new ConnectionInfo("0ne0000ABCD", "localhost:8443",
            "https://localhost:8443", "HostName=localhost;SharedAccessKeyName=provisioningserviceowner;"
                    + "SharedAccessKey=c2VjcmV0", "/data/ca.pem",
            List.of(new ConnectionInfo.Hub("hub-1.localhost",
                    "HostName=hub-1.localhost;SharedAccessKeyName=iothubowner;SharedAccessKey=aHVia2V5")));

    @TempDir
    Path dir;

    @Test
    void reads_back_what_it_writes() {
        Path file = dir.resolve("data/connection-info.json");

        ConnectionInfoJson.write(file, INFO);

        assertThat(ConnectionInfoJson.read(file)).isEqualTo(INFO);
    }

    @Test
    void writes_pretty_printed_json() throws IOException {
        Path file = dir.resolve("connection-info.json");

        ConnectionInfoJson.write(file, INFO);

        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).contains("\n").contains("\"idScope\" : \"0ne0000ABCD\"");
    }

    @Test
    void writes_owner_only_and_replaces_the_old_file_leaving_no_temporary_file() throws IOException {
        Path file = dir.resolve("connection-info.json");
        Files.writeString(file, "old");

        ConnectionInfoJson.write(file, INFO);

        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void read_rejects_a_file_that_is_not_json() throws IOException {
        Path file = dir.resolve("connection-info.json");
        Files.writeString(file, "HostName=secret");

        assertThatThrownBy(() -> ConnectionInfoJson.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith("is not valid JSON.").hasMessageNotContaining("secret");
    }

    @Test
    void to_string_leaves_out_connection_strings() {
        assertThat(INFO.toString()).doesNotContain("SharedAccessKey").contains("0ne0000ABCD");
    }
}
