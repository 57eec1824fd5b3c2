package org.opendps.store.jdbc;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One database per test class, opened (and migrated) once and emptied before each test, as the store contracts
 * expect. Subclasses say which database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcStoreTestBase {
    /** The number of Flyway migrations in db/migration: what a fresh or upgraded database reaches. */
    static final int MIGRATIONS = 6; // V1-V5 and V7 (V6 comes from another branch)
    /** Policies before their hubs, which they reference. */
    private static final List<String> TABLES = List.of("individual_enrollment", "enrollment_group",
            "registration_state", "access_policy", "service_instance", "linked_hub", "registration_operation",
            "hub_policy", "built_in_hub", "hub_device", "device_twin", "ca_certificate", "tpm_challenge", "audit_log");

    protected JdbcStorage storage;

    protected abstract JdbcStorage openStorage() throws Exception;

    protected abstract void disposeStorage() throws Exception;

    @BeforeAll
    void openDatabase() throws Exception {
        storage = openStorage();
    }

    @BeforeEach
    void emptyTables() {
        for (String table : TABLES) {
            storage.database().update("empty " + table, "DELETE FROM " + table, new Params());
        }
    }

    @AfterAll
    void closeDatabase() throws Exception {
        if (storage != null) {
            storage.close();
        }
        disposeStorage();
    }
}
