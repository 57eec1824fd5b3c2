package org.opendps.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.HubRight;
import org.opendps.testsupport.store.Concurrently;
import org.opendps.testsupport.store.StoreFixtures;

class SqliteStorageTest {
    @TempDir
    Path directory;

    @Test
    void open_creates_the_directory_and_a_file_only_its_owner_may_read() throws Exception {
        Path file = directory.resolve("data/nested/opendps.db");
        try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + file)) {
            assertThat(storage.dialect()).isEqualTo(Dialect.SQLITE);
        }
        assumeThat(file.getFileSystem().supportedFileAttributeViews()).contains("posix");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void every_connection_runs_in_wal_mode_with_full_sync_foreign_keys_and_a_busy_timeout() throws Exception {
        try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + directory.resolve("opendps.db"), 3)) {
            List<Connection> connections = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    connections.add(storage.database().dataSource().getConnection());
                }
                for (Connection connection : connections) {
                    assertThat(pragma(connection, "journal_mode")).isEqualTo("wal");
                    assertThat(pragma(connection, "synchronous")).isEqualTo("2"); // FULL
                    assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
                    assertThat(Integer.parseInt(pragma(connection, "busy_timeout"))).isPositive();
                }
            } finally {
                for (Connection connection : connections) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void reopening_the_same_file_keeps_the_data_and_applies_no_migration_twice() {
        String url = "jdbc:sqlite:" + directory.resolve("opendps.db");
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            storage.enrollments().insert(StoreFixtures.enrollment("kept-1"));
            storage.instance().createIfAbsent(StoreFixtures.instance("0ne000000AB"));
        }
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            assertThat(storage.enrollments().find("kept-1")).contains(StoreFixtures.enrollment("kept-1"));
            assertThat(storage.instance().find()).contains(StoreFixtures.instance("0ne000000AB"));
            assertThat(storage.database().query("count migrations", "SELECT COUNT(*) FROM flyway_schema_history",
                    new Params(), row -> row.getInt(1))).containsExactly(4);
        }
    }

    @Test
    void writers_in_many_threads_and_two_pools_on_one_file_never_fail() throws Exception {
        String url = "jdbc:sqlite:" + directory.resolve("opendps.db");
        AtomicInteger next = new AtomicInteger();
        try (JdbcStorage first = JdbcStorage.open(url, 4); JdbcStorage second = JdbcStorage.open(url, 4)) {
            List<Boolean> inserted = Concurrently.run(16, () -> {
                boolean all = true;
                for (int i = 0; i < 10; i++) {
                    int n = next.incrementAndGet();
                    JdbcStorage storage = n % 2 == 0 ? first : second;
                    all &= storage.registrationStates().insert(StoreFixtures.assignedState("reg-" + n, "g"));
                    all &= storage.registrationStates().find("reg-" + n).isPresent();
                }
                return all;
            });
            assertThat(inserted).containsOnly(true);
            assertThat(first.registrationStates().count()).isEqualTo(160);
        }
    }

    @Test
    void open_fails_in_one_sentence_when_the_file_is_not_a_database() throws Exception {
        Path file = directory.resolve("notes.db");
        Files.writeString(file, "These are not the pages you are looking for. ".repeat(200), StandardCharsets.UTF_8);
        String url = "jdbc:sqlite:" + file;
        assertThatThrownBy(() -> JdbcStorage.open(url)).isInstanceOf(StoreException.class)
                .satisfies(e -> Messages.assertOneSentenceNaming(e, url));
    }

    @Test
    void open_fails_in_one_sentence_when_a_file_is_in_the_way_of_the_directory() throws Exception {
        Files.writeString(directory.resolve("data"), "a file, not a directory");
        String url = "jdbc:sqlite:" + directory.resolve("data/opendps.db");
        assertThatThrownBy(() -> JdbcStorage.open(url)).isInstanceOf(StoreException.class)
                .satisfies(e -> Messages.assertOneSentenceNaming(e, url))
                .hasMessageContaining("cannot be created");
    }

    @Test
    void open_fails_in_one_sentence_when_the_path_is_a_directory() throws Exception {
        Files.createDirectories(directory.resolve("opendps.db"));
        String url = "jdbc:sqlite:" + directory.resolve("opendps.db");
        assertThatThrownBy(() -> JdbcStorage.open(url)).isInstanceOf(StoreException.class)
                .satisfies(e -> Messages.assertOneSentenceNaming(e, url))
                .hasMessageContaining("not a regular file");
    }

    @Test
    void open_fails_in_one_sentence_when_the_file_is_not_readable_and_writable() throws Exception {
        Path file = directory.resolve("opendps.db");
        JdbcStorage.open("jdbc:sqlite:" + file).close();
        assumeThat(file.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assumeThat(Files.isWritable(file)).as("not running as root, who may write anyway").isFalse();
        String url = "jdbc:sqlite:" + file;
        assertThatThrownBy(() -> JdbcStorage.open(url)).isInstanceOf(StoreException.class)
                .satisfies(e -> Messages.assertOneSentenceNaming(e, url))
                .hasMessageContaining("not readable and writable");
    }

    @Test
    void open_refuses_an_in_memory_database() {
        assertThatThrownBy(() -> JdbcStorage.open("jdbc:sqlite::memory:")).isInstanceOf(StoreException.class)
                .hasMessageContaining("in-memory");
    }

    @Test
    void open_refuses_a_url_of_another_database_in_one_sentence() {
        String url = "jdbc:mysql://localhost/opendps?password=s3cret";
        assertThatThrownBy(() -> JdbcStorage.open(url)).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> Messages.assertOneSentenceNaming(e, "jdbc:mysql://localhost/opendps"))
                .message().doesNotContain("s3cret");
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA " + name)) {
            row.next();
            return row.getString(1);
        }
    }

    @Test
    void a_refused_built_in_hub_is_reported_in_one_sentence_without_its_keys() {
        try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + directory.resolve("opendps.db"), 1)) {
            BuiltInHub clashing = new BuiltInHub("hub-1.example.com", StoreFixtures.CREATED, List.of(
                    StoreFixtures.hubPolicy("owner", HubRight.all()), StoreFixtures.hubPolicy("OWNER", Set.of())));
            assertThatThrownBy(() -> storage.builtInHubs().createIfAbsent(clashing))
                    .isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("Could not create a built-in hub")
                    .satisfies(e -> assertThat(e.getMessage() + e.getCause().getMessage())
                            .doesNotContain(StoreFixtures.PRIMARY_KEY, StoreFixtures.SECONDARY_KEY, "\n"));
        }
    }
}
