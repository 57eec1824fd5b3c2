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
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.testsupport.store.StoreFixtures;

/** A database an earlier version of OpenDPS made (schema version 1 or 2) is brought up to date, its data intact. */
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

    @Test
    void an_sqlite_database_of_version_2_keeps_its_hubs_and_gets_working_built_in_hub_tables() throws SQLException {
        String url = "jdbc:sqlite:" + directory.resolve("opendps.db");
        SqliteFile.prepare(url);
        upgradeFromVersion2(url, "");
    }

    @Test
    void a_postgresql_database_of_version_2_keeps_its_hubs_and_gets_working_built_in_hub_tables()
            throws SQLException {
        schema = PostgresTestDatabase.createSchema();
        upgradeFromVersion2(PostgresTestDatabase.url(schema), "COLLATE \"C\"");
    }

    private static void migrateTo(String url, String version, String keyCollation) {
        Flyway.configure(MigrationTest.class.getClassLoader()).dataSource(url, null, null)
                .locations("classpath:db/migration/common").target(version)
                .placeholders(Map.of("key_collation", keyCollation)).load().migrate();
    }

    private static void upgradeKeepsTheInstance(String url, String keyCollation) throws SQLException {
        migrateTo(url, "1", keyCollation);
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
            assertThat(storage.builtInHubs().list()).isEmpty();
        }
    }

    private static void upgradeFromVersion2(String url, String keyCollation) throws SQLException {
        migrateTo(url, "2", keyCollation);
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO service_instance (id, id_scope, created_at, allocation_policy) "
                    + "VALUES (1, '0ne000000AB', " + Instants.toMicros(StoreFixtures.CREATED) + ", 'static')");
            statement.executeUpdate("INSERT INTO linked_hub (host_name_key, host_name, key_name, key, location, "
                    + "allocation_weight, apply_allocation_policy) VALUES ('hub-1.example.com', 'Hub-1.example.com', "
                    + "'iothubowner', '" + StoreFixtures.PRIMARY_KEY + "', 'westeurope', 7, FALSE)");
        }

        try (JdbcStorage storage = JdbcStorage.open(url, 1)) {
            assertThat(storage.database().query("read the schema version", "SELECT MAX(installed_rank), COUNT(*) "
                    + "FROM flyway_schema_history", new Params(), row -> row.getInt(1) + "/" + row.getInt(2)))
                    .containsExactly("4/4");
            assertThat(storage.instance().find()).contains(
                    new ServiceInstance("0ne000000AB", StoreFixtures.CREATED, AllocationPolicy.STATIC));
            assertThat(storage.linkedHubs().list()).containsExactly(StoreFixtures.linkedHub("Hub-1.example.com"));
            assertThat(storage.builtInHubs().list()).isEmpty();
            BuiltInHub hub = StoreFixtures.builtInHub("hub-1.example.com");
            assertThat(storage.builtInHubs().createIfAbsent(hub)).isEqualTo(hub);
            assertThat(storage.hubDevices().insert(hub.hostName(), StoreFixtures.sasDevice("dev-1"))).isTrue();
            assertThat(storage.hubDevices().list(hub.hostName(), null, 10)).containsExactly(
                    StoreFixtures.sasDevice("dev-1"));
            assertThat(storage.twins().insert(hub.hostName(), StoreFixtures.twin("dev-1"))).isTrue();
            assertThat(storage.twins().find(hub.hostName(), "dev-1")).contains(StoreFixtures.twin("dev-1"));
        }
    }
}
