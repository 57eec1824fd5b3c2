package org.opendps.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.HubRight;
import org.opendps.testsupport.store.StoreFixtures;

class PostgresStorageTest {
    private String schema;

    @AfterEach
    void dropSchema() {
        if (schema != null) {
            PostgresTestDatabase.dropSchema(schema);
        }
    }

    @Test
    void open_fails_in_one_sentence_naming_the_url_but_not_the_password_when_the_server_is_unreachable() {
        String url = "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=s3cret";
        assertThatThrownBy(() -> JdbcStorage.open(url)).isInstanceOf(StoreException.class)
                .satisfies(e -> Messages.assertOneSentenceNaming(e,
                        "jdbc:postgresql://127.0.0.1:1/test?user=postgres&password=***"))
                .message().doesNotContain("s3cret");
    }

    @Test
    void open_fails_in_one_sentence_when_the_database_does_not_exist() {
        PostgresTestDatabase.execute("SELECT 1"); // skips without a server
        String url = "jdbc:postgresql://" + PostgresTestDatabase.SERVER + "/no_such_database_here?user=postgres";
        assertThatThrownBy(() -> JdbcStorage.open(url)).isInstanceOf(StoreException.class)
                .satisfies(e -> Messages.assertOneSentenceNaming(e, url))
                .hasMessageContaining("no_such_database_here");
    }

    @Test
    void reopening_the_same_schema_keeps_the_data_and_applies_no_migration_twice() {
        schema = PostgresTestDatabase.createSchema();
        String url = PostgresTestDatabase.url(schema);
        try (JdbcStorage storage = JdbcStorage.open(url, 2)) {
            assertThat(storage.dialect()).isEqualTo(Dialect.POSTGRESQL);
            storage.enrollmentGroups().insert(StoreFixtures.group("kept-1"));
        }
        try (JdbcStorage storage = JdbcStorage.open(url, 2)) {
            assertThat(storage.enrollmentGroups().find("KEPT-1")).contains(StoreFixtures.group("kept-1"));
            assertThat(storage.database().query("count migrations", "SELECT COUNT(*) FROM flyway_schema_history",
                    new Params(), row -> row.getInt(1))).containsExactly(4);
        }
    }

    @Test
    void a_failing_statement_reports_no_row_values_neither_in_its_message_nor_in_its_cause() {
        schema = PostgresTestDatabase.createSchema();
        try (JdbcStorage storage = JdbcStorage.open(PostgresTestDatabase.url(schema), 1)) {
            String insert = "INSERT INTO access_policy (key_name_key, key_name, primary_key, secondary_key, rights) "
                    + "VALUES ('k', 'k', NULL, 'TopSecretKey', '')";
            assertThatThrownBy(() -> storage.database().update("store a broken policy", insert, new Params()))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("primary_key")
                    .satisfies(e -> assertThat(e.getMessage() + e.getCause().getMessage())
                            .doesNotContain("TopSecretKey"));
        }
    }

    @Test
    void ids_sort_byte_wise_whatever_the_collation_of_the_database() {
        schema = PostgresTestDatabase.createSchema();
        try (JdbcStorage storage = JdbcStorage.open(PostgresTestDatabase.url(schema), 1)) {
            Params params = new Params().text("schema", schema);
            assertThat(storage.database().query("read collations", "SELECT table_name, collation_name "
                    + "FROM information_schema.columns WHERE table_schema = :schema AND column_name IN "
                    + "('id_key', 'key_name_key', 'host_name_key', 'operation_id') ORDER BY table_name", params,
                    row -> row.getString(1) + "=" + row.getString(2)))
                    .containsExactly("access_policy=C", "built_in_hub=C", "ca_certificate=C", "enrollment_group=C",
                            "hub_policy=C", "individual_enrollment=C", "linked_hub=C", "registration_operation=C",
                            "registration_state=C");
        }
    }

    @Test
    void hub_keys_and_case_sensitive_device_ids_sort_byte_wise_whatever_the_collation_of_the_database() {
        schema = PostgresTestDatabase.createSchema();
        try (JdbcStorage storage = JdbcStorage.open(PostgresTestDatabase.url(schema), 1)) {
            Params params = new Params().text("schema", schema);
            assertThat(storage.database().query("read collations", "SELECT table_name, column_name, collation_name "
                    + "FROM information_schema.columns WHERE table_schema = :schema AND table_name IN "
                    + "('hub_policy', 'hub_device', 'device_twin') AND column_name IN ('hub_host_name_key', "
                    + "'device_id') ORDER BY table_name, column_name", params,
                    row -> row.getString(1) + "." + row.getString(2) + "=" + row.getString(3)))
                    .containsExactly("device_twin.device_id=C", "device_twin.hub_host_name_key=C",
                            "hub_device.device_id=C", "hub_device.hub_host_name_key=C",
                            "hub_policy.hub_host_name_key=C");
        }
    }

    @Test
    void a_refused_built_in_hub_is_reported_in_one_sentence_without_its_keys() {
        schema = PostgresTestDatabase.createSchema();
        try (JdbcStorage storage = JdbcStorage.open(PostgresTestDatabase.url(schema), 1)) {
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
