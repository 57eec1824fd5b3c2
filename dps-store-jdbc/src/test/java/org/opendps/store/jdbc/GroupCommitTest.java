package org.opendps.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.testsupport.store.Concurrently;
import org.opendps.testsupport.store.StoreFixtures;

/** SQLite's writes committed in groups: durable when the caller returns, a failed write alone undone. */
class GroupCommitTest {
    @TempDir
    Path directory;

    @Test
    void concurrent_writes_share_commits_and_each_is_committed_when_its_caller_returns() throws Exception {
        Path file = directory.resolve("opendps.db");
        AtomicInteger next = new AtomicInteger();
        try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + file, 4)) {
            long before = storage.database().groupCommits();
            List<Boolean> seen = Concurrently.run(16, () -> {
                boolean all = true;
                for (int i = 0; i < 20; i++) {
                    String id = "reg-" + next.incrementAndGet();
                    all &= storage.registrationStates().insert(StoreFixtures.assignedState(id, "g"));
                    // Another connection, outside the pool and the process's writer, sees it at once: committed.
                    all &= committed(file, id);
                }
                return all;
            });

            assertThat(seen).containsOnly(true);
            assertThat(storage.registrationStates().count()).isEqualTo(320);
            assertThat(storage.database().groupCommits() - before).isLessThan(320);
        }
    }

    @Test
    void a_failed_write_is_undone_alone_and_fails_only_its_caller() throws Exception {
        try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + directory.resolve("opendps.db"), 4)) {
            Database database = storage.database();
            database.update("create a table", "CREATE TABLE t (id TEXT PRIMARY KEY)", new Params());
            List<Boolean> failed = Concurrently.run(8, () -> {
                String id = Thread.currentThread().getName();
                database.update("insert", "INSERT INTO t (id) VALUES (:id)", new Params().text("id", id));
                try {
                    database.update("insert again", "INSERT INTO t (id) VALUES (:id)", new Params().text("id", id));
                    return false;
                } catch (StoreException e) {
                    return true;
                }
            });

            assertThat(failed).containsOnly(true);
            assertThat(database.query("count", "SELECT COUNT(*) FROM t", new Params(), row -> row.getInt(1)))
                    .containsExactly(8);
        }
    }

    @Test
    void a_write_after_close_fails_rather_than_waiting() {
        JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + directory.resolve("opendps.db"));
        storage.close();
        assertThatThrownBy(() -> storage.registrationStates().insert(StoreFixtures.assignedState("late", "g")))
                .isInstanceOf(StoreException.class);
    }

    @Test
    void deferred_writes_commit_without_a_sync_and_the_next_durable_write_syncs_again() throws Exception {
        Path file = directory.resolve("opendps.db");
        try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + file, 4)) {
            DataSource pool = storage.database().dataSource();
            try (GroupCommit writer = new GroupCommit(pool, file, "test")) {
                // SQLite's own setting on the writer's connection, read inside each group's transaction
                assertThat(writer.write(GroupCommitTest::synchronous, GroupCommit.Durable.DEFERRED)).isEqualTo(NORMAL);
                assertThat(writer.write(GroupCommitTest::synchronous, GroupCommit.Durable.YES)).isEqualTo(FULL);
                assertThat(writer.write(GroupCommitTest::synchronous)).isEqualTo(FULL);
                assertThat(writer.unsyncedCommits()).isEqualTo(1);
                assertThat(writer.commits()).isEqualTo(3);
            }
            // The pool's connections are left syncing every commit, whichever the writer used last.
            for (int i = 0; i < 4; i++) {
                try (Connection connection = pool.getConnection()) {
                    assertThat(synchronous(connection)).isEqualTo(FULL);
                }
            }
        }
    }

    @Test
    void writes_in_a_deferring_scope_are_committed_unsynced_and_only_those() throws Exception {
        Path file = directory.resolve("opendps.db");
        try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + file, 4)) {
            Database database = storage.database();
            long unsynced = database.unsyncedCommits();
            storage.durability().deferring(() -> {
                storage.registrationStates().insert(StoreFixtures.assignedState("deferred-1", "g"));
                return storage.durability().deferring( // nested: still deferred, and still after it returns
                        () -> storage.registrationStates().insert(StoreFixtures.assignedState("deferred-2", "g")))
                        && storage.registrationStates().insert(StoreFixtures.assignedState("deferred-3", "g"));
            });
            assertThat(database.unsyncedCommits() - unsynced).isEqualTo(3);
            // Committed: another process's connection sees them before any sync.
            assertThat(committed(file, "deferred-1")).isTrue();
            assertThat(committed(file, "deferred-3")).isTrue();

            assertThatThrownBy(() -> storage.durability().deferring(() -> {
                throw new IllegalStateException("a use case that fails half-way");
            })).isInstanceOf(IllegalStateException.class);
            storage.registrationStates().insert(StoreFixtures.assignedState("durable", "g"));
            storage.durability().sync();
            assertThat(database.unsyncedCommits() - unsynced).as("the scope ended with the failure").isEqualTo(3);
            assertThat(committed(file, "durable")).isTrue();
        }
    }

    @Test
    void a_sync_with_nothing_to_commit_returns() throws Exception {
        try (JdbcStorage storage = JdbcStorage.open("jdbc:sqlite:" + directory.resolve("opendps.db"), 2)) {
            storage.durability().sync();
            storage.durability().deferring(
                    () -> storage.registrationStates().insert(StoreFixtures.assignedState("then-synced", "g")));
            storage.durability().sync();
            assertThat(storage.registrationStates().find("then-synced")).isPresent();
        }
    }

    private static final int NORMAL = 1;
    private static final int FULL = 2;

    private static int synchronous(Connection connection) throws java.sql.SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA synchronous")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static boolean committed(Path file, String registrationId) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT COUNT(*) FROM registration_state WHERE id_key = '" + registrationId + "'")) {
            return rows.next() && rows.getInt(1) == 1;
        }
    }
}
