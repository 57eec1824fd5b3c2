package org.opendps.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.instance.ServiceInstance;
import org.opendps.testsupport.store.StoreFixtures;

/** A database an earlier version of OpenDPS made (schema version 1) is brought up to date, its data intact. */
class MigrationTest {
    @TempDir
    Path directory;

    private String schema;

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            PostgresTestDatabase.dropSchema(schema);
        }
    }

    @Test
    void an_sqlite_instance_of_version_1_gets_hashed_allocation_and_empty_new_tables() throws SQLException {
        String url = "jdbc:sqlite:" + directory.resolve("opendps.db");
        SqliteFile.prepare(url);
        upgradeKeepsTheInstance(url, "");
    }

    @Test
    void a_postgresql_instance_of_version_1_gets_hashed_allocation_and_empty_new_tables() throws SQLException {
        schema = PostgresTestDatabase.createSchema();
        upgradeKeepsTheInstance(PostgresTestDatabase.url(schema), "COLLATE \"C\"");
    }

    private static void upgradeKeepsTheInstance(String url, String keyCollation) throws SQLException {
        Flyway.configure(MigrationTest.class.getClassLoader()).dataSource(url, null, null)
                .locations("classpath:db/migration/common").target("1")
                .placeholders(Map.of("key_collation", keyCollation)).load().migrate();
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO service_instance (id, id_scope, created_at) VALUES (1, "
                    + "'0ne000000AB', " + Instants.toMicros(StoreFixtures.CREATED) + ")");
        }

        try (JdbcStorage storage = JdbcStorage.open(url, 1)) {
            assertThat(storage.instance().find()).contains(
                    new ServiceInstance("0ne000000AB", StoreFixtures.CREATED, AllocationPolicy.HASHED));
            assertThat(storage.linkedHubs().list()).isEmpty();
            assertThat(storage.operations().find("any")).isEmpty();
        }
    }
}
