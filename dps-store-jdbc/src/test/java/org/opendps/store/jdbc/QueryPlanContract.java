package org.opendps.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.provisioning.TpmChallenge;
import org.opendps.core.query.Filter;
import org.opendps.core.query.FilterField;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.testsupport.store.StoreFixtures;

/**
 * The statements of the registration path and of paged queries, as the stores run them, each searched through an
 * index: none reads a whole table or sorts what it found, so that their cost stays flat however many enrollments and
 * registration states there are. Asked of the database's own planner (EXPLAIN) with the values the stores bound.
 * Configuration tables (linked hubs, policies, CA certificates, built-in hubs) are small by nature and not covered.
 */
interface QueryPlanContract {
    String HUB = "hub-1.example.com";

    /** The stores under test, on empty tables. */
    JdbcStorage storage();

    @Test
    default void every_statement_of_a_registration_reads_through_an_index() throws SQLException {
        assertThat(fullReadsOf(stores -> {
            stores.instance().find();
            stores.enrollments().find("dev-1");
            stores.enrollmentGroups().query(Filter.where(FilterField.ATTESTATION_TYPE,
                    AttestationType.SYMMETRIC_KEY.wireName()), null, 500);
            stores.enrollmentGroups().query(Filter.where(FilterField.ATTESTATION_TYPE,
                    AttestationType.SYMMETRIC_KEY.wireName()), "group-1", 500);
            stores.caCertificates().find("root-1");
            stores.operations().insert(StoreFixtures.operation("op-1", "dev-1", StoreFixtures.CREATED));
            stores.registrationStates().find("dev-1");
            stores.linkedHubs().find(HUB);
            stores.hubDevices().find(HUB, "dev-1");
            stores.hubDevices().insert(HUB, StoreFixtures.sasDevice("dev-1"));
            stores.hubDevices().replace(HUB, StoreFixtures.sasDevice("dev-1"), 1);
            stores.twins().find(HUB, "dev-1");
            stores.twins().insert(HUB, StoreFixtures.twin("dev-1"));
            stores.twins().replace(HUB, StoreFixtures.twin("dev-1"), 1);
            stores.registrationStates().insert(StoreFixtures.assignedState("dev-1", "group-1"));
            stores.registrationStates().replace(StoreFixtures.assignedState("dev-1", "group-1"), 1);
            stores.operations().update(StoreFixtures.operation("op-1", "dev-1", StoreFixtures.UPDATED)
                    .finish(RegistrationStatus.ASSIGNED, StoreFixtures.UPDATED));
            stores.operations().find("op-1");
            stores.tpmChallenges().put(TpmChallenge.open("dev-1", "key", "ek", "srk", StoreFixtures.UPDATED));
            stores.tpmChallenges().find("dev-1");
            stores.tpmChallenges().markUsed("dev-1", "key", StoreFixtures.UPDATED, "hub-key");
        })).isEmpty();
    }

    /**
     * The sweep of old operations runs however many there are, so its subquery must be a range of the updated_at
     * index in index order: a scan, or a sort of every old row to find the oldest, would grow with the backlog.
     */
    @Test
    default void forgetting_old_operations_reads_one_index_range() throws SQLException {
        assertThat(fullReadsOf(stores -> stores.operations().deleteUpdatedBefore(StoreFixtures.CREATED, 1000)))
                .isEmpty();
    }

    @Test
    default void forgetting_old_operations_without_their_index_is_reported() throws SQLException {
        Database database = storage().database();
        database.update("drop an index", "DROP INDEX registration_operation_updated_at", new Params());
        try {
            assertThat(fullReadsOf(stores -> stores.operations().deleteUpdatedBefore(StoreFixtures.CREATED, 1000)))
                    .hasSize(1);
        } finally {
            database.update("restore the index", "CREATE INDEX registration_operation_updated_at ON "
                    + "registration_operation (updated_at)", new Params());
        }
    }

    @Test
    default void every_paged_query_reads_one_index_range() throws SQLException {
        assertThat(fullReadsOf(stores -> {
            for (String after : new String[] {null, "dev-1"}) {
                for (FilterField field : List.of(FilterField.REGISTRATION_ID, FilterField.DEVICE_ID,
                        FilterField.PROVISIONING_STATUS, FilterField.ATTESTATION_TYPE, FilterField.IOT_HUB_HOST_NAME,
                        FilterField.ALLOCATION_POLICY)) {
                    stores.enrollments().query(Filter.where(field, "x"), after, 101);
                }
                for (FilterField field : List.of(FilterField.ENROLLMENT_GROUP_ID, FilterField.PROVISIONING_STATUS,
                        FilterField.ATTESTATION_TYPE, FilterField.IOT_HUB_HOST_NAME, FilterField.ALLOCATION_POLICY)) {
                    stores.enrollmentGroups().query(Filter.where(field, "x"), after, 101);
                }
                for (FilterField field : List.of(FilterField.REGISTRATION_ID, FilterField.ENROLLMENT_GROUP_ID,
                        FilterField.DEVICE_ID, FilterField.STATUS, FilterField.ASSIGNED_HUB)) {
                    stores.registrationStates().query(Filter.where(field, "x"), after, 101);
                }
                stores.enrollments().query(Filter.ALL, after, 101);
                stores.enrollmentGroups().query(Filter.ALL, after, 101);
                stores.registrationStates().query(Filter.ALL, after, 101);
                stores.hubDevices().list(HUB, after, 101);
            }
        })).isEmpty();
    }

    /** The check itself: without the index that serves it, a filtered query is reported, as a scan or a sort. */
    @Test
    default void a_query_whose_index_is_missing_is_reported() throws SQLException {
        Database database = storage().database();
        database.update("drop an index", "DROP INDEX registration_state_status", new Params());
        try {
            assertThat(fullReadsOf(stores -> stores.registrationStates().query(
                    Filter.where(FilterField.STATUS, "assigned"), "dev-1", 101)))
                    .hasSize(1).allSatisfy((sql, problems) -> assertThat(sql).contains("registration_state"));
        } finally {
            database.update("restore the index", "CREATE INDEX registration_state_status ON registration_state "
                    + "(LOWER(status), id_key)", new Params());
        }
    }

    /** Runs {@code work} on stores that record their statements; the full reads in each one's plan, by statement. */
    private Map<String, List<String>> fullReadsOf(Consumer<JdbcStorage> work) throws SQLException {
        StatementRecorder recorder = new StatementRecorder();
        work.accept(storage().through(recorder::wrap));
        List<StatementRecorder.Recorded> statements = recorder.recorded();
        assertThat(statements).isNotEmpty();
        Map<String, List<String>> fullReads = new LinkedHashMap<>();
        Dialect dialect = storage().dialect();
        try (Connection connection = storage().database().dataSource().getConnection()) {
            for (StatementRecorder.Recorded statement : statements) {
                List<String> plan = QueryPlans.explain(connection, dialect, statement);
                List<String> problems = new ArrayList<>(QueryPlans.fullReads(dialect, statement.sql(), plan));
                if (!problems.isEmpty()) {
                    problems.add("plan: " + String.join(" | ", plan));
                    fullReads.put(statement.sql(), problems);
                }
            }
        }
        return fullReads;
    }
}
