package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.testsupport.store.StoreFixtures.CREATED;
import static org.opendps.testsupport.store.StoreFixtures.UPDATED;
import static org.opendps.testsupport.store.StoreFixtures.assignedState;
import static org.opendps.testsupport.store.StoreFixtures.operation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opendps.core.provisioning.OperationStore;
import org.opendps.core.provisioning.RegistrationOperation;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStateStore;
import org.opendps.core.registration.RegistrationStatus;

/**
 * The contract of an {@link OperationStore}: operations by their exact, case-sensitive ID; instants kept to the
 * microsecond. Each test expects a store without operations.
 */
public interface OperationStoreContract {
    String OPERATION_ID = "4.d0a7a8d2c0e44c15.5d2e4f6a-0b1c-4d2e-8f90-a1b2c3d4e5f6";

    /** The store under test, empty at the start of each test. */
    OperationStore operationStore();

    /** The registration states beside it, to show that forgetting operations leaves them alone. */
    RegistrationStateStore registrationStateStore();

    @Test
    default void find_returns_empty_for_an_unknown_operation() {
        assertThat(operationStore().find(OPERATION_ID)).isEmpty();
    }

    @Test
    default void insert_stores_every_field() {
        RegistrationOperation operation = operation(OPERATION_ID, "Device-1", CREATED);
        operationStore().insert(operation);
        assertThat(operationStore().find(OPERATION_ID)).contains(operation);
    }

    @Test
    default void operation_ids_compare_case_sensitively() {
        operationStore().insert(operation("op-ABC", "dev-1", CREATED));
        operationStore().insert(operation("op-abc", "dev-2", CREATED));
        assertThat(operationStore().find("op-ABC")).map(RegistrationOperation::registrationId).contains("dev-1");
        assertThat(operationStore().find("op-abc")).map(RegistrationOperation::registrationId).contains("dev-2");
        assertThat(operationStore().find("OP-ABC")).isEmpty();
    }

    @Test
    default void insert_of_a_taken_id_fails_and_keeps_the_first() {
        RegistrationOperation first = operation(OPERATION_ID, "dev-1", CREATED);
        operationStore().insert(first);
        assertThatThrownBy(() -> operationStore().insert(operation(OPERATION_ID, "dev-2", UPDATED)))
                .isInstanceOf(RuntimeException.class);
        assertThat(operationStore().find(OPERATION_ID)).contains(first);
    }

    @Test
    default void update_records_the_status_and_time_and_keeps_the_rest() {
        operationStore().insert(operation(OPERATION_ID, "dev-1", CREATED));
        RegistrationOperation finished = operation(OPERATION_ID, "dev-1", CREATED)
                .finish(RegistrationStatus.ASSIGNED, UPDATED);
        assertThat(operationStore().update(finished)).isTrue();
        assertThat(operationStore().find(OPERATION_ID)).contains(finished);
    }

    @Test
    default void update_of_an_unknown_operation_returns_false_and_stores_nothing() {
        RegistrationOperation ghost = operation(OPERATION_ID, "dev-1", CREATED).finish(RegistrationStatus.FAILED,
                UPDATED);
        assertThat(operationStore().update(ghost)).isFalse();
        assertThat(operationStore().find(OPERATION_ID)).isEmpty();
    }

    @Test
    default void deleteUpdatedBefore_forgets_only_operations_updated_strictly_before_the_cutoff() {
        Instant cutoff = UPDATED;
        operationStore().insert(operation("old", "dev-1", cutoff.minus(Duration.ofDays(1))));
        operationStore().insert(operation("just-before", "dev-2", cutoff.minusNanos(1_000)));
        operationStore().insert(operation("at-cutoff", "dev-3", cutoff));
        operationStore().insert(operation("recent", "dev-4", cutoff.plusSeconds(1)));

        assertThat(operationStore().deleteUpdatedBefore(cutoff, 100)).isEqualTo(2);

        assertThat(operationStore().find("old")).isEmpty();
        assertThat(operationStore().find("just-before")).isEmpty();
        assertThat(operationStore().find("at-cutoff")).isPresent();
        assertThat(operationStore().find("recent")).isPresent();
        assertThat(operationStore().deleteUpdatedBefore(cutoff, 100)).isZero();
    }

    @Test
    default void deleteUpdatedBefore_forgets_at_most_the_limit_the_longest_untouched_first() {
        for (int i = 1; i <= 5; i++) {
            operationStore().insert(operation("op-" + i, "dev-" + i, UPDATED.minus(Duration.ofHours(10 - i))));
        }
        operationStore().insert(operation("recent", "dev-6", UPDATED.plusSeconds(1)));

        assertThat(operationStore().deleteUpdatedBefore(UPDATED, 2)).isEqualTo(2);
        assertThat(operationStore().find("op-1")).isEmpty();
        assertThat(operationStore().find("op-2")).isEmpty();
        assertThat(operationStore().find("op-3")).isPresent();

        assertThat(operationStore().deleteUpdatedBefore(UPDATED, 2)).isEqualTo(2);
        assertThat(operationStore().deleteUpdatedBefore(UPDATED, 2)).isEqualTo(1);
        assertThat(operationStore().deleteUpdatedBefore(UPDATED, 2)).isZero();
        assertThat(operationStore().find("op-5")).isEmpty();
        assertThat(operationStore().find("recent")).isPresent();
    }

    @Test
    default void deleteUpdatedBefore_forgets_finished_and_unfinished_operations_alike() {
        Instant old = UPDATED.minus(Duration.ofDays(2));
        operationStore().insert(operation("abandoned", "dev-1", old));
        operationStore().insert(operation("assigned", "dev-2", CREATED).finish(RegistrationStatus.ASSIGNED, old));
        operationStore().insert(operation("failed", "dev-3", CREATED).finish(RegistrationStatus.FAILED, old));

        assertThat(operationStore().deleteUpdatedBefore(UPDATED, 10)).isEqualTo(3);
        assertThat(List.of("abandoned", "assigned", "failed")).allSatisfy(id ->
                assertThat(operationStore().find(id)).isEmpty());
    }

    @Test
    default void deleteUpdatedBefore_leaves_the_registration_states_of_the_forgotten_operations() {
        operationStore().insert(operation(OPERATION_ID, "dev-1", CREATED).finish(RegistrationStatus.ASSIGNED,
                CREATED));
        DeviceRegistrationState state = assignedState("dev-1", "group-1");
        registrationStateStore().insert(state);

        assertThat(operationStore().deleteUpdatedBefore(UPDATED, 10)).isEqualTo(1);

        assertThat(operationStore().find(OPERATION_ID)).isEmpty();
        assertThat(registrationStateStore().find("dev-1")).contains(state);
    }

    @Test
    default void deleteUpdatedBefore_refuses_a_limit_that_is_not_positive() {
        operationStore().insert(operation(OPERATION_ID, "dev-1", CREATED));
        assertThatThrownBy(() -> operationStore().deleteUpdatedBefore(UPDATED, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
        assertThat(operationStore().find(OPERATION_ID)).isPresent();
    }

    @Test
    default void an_updated_operation_is_kept_by_a_sweep_between_its_creation_and_its_update() {
        operationStore().insert(operation(OPERATION_ID, "dev-1", CREATED));
        operationStore().update(operation(OPERATION_ID, "dev-1", CREATED).finish(RegistrationStatus.ASSIGNED,
                UPDATED));
        assertThat(operationStore().deleteUpdatedBefore(UPDATED.minusSeconds(1), 100)).isZero();
        assertThat(operationStore().find(OPERATION_ID)).isPresent();
    }

    @Test
    default void concurrent_inserts_and_updates_all_land() throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Boolean> results = Concurrently.run(VersionedStoreContract.CONCURRENT_WRITERS, () -> {
            String id = "op-" + next.incrementAndGet();
            operationStore().insert(operation(id, "dev-" + id, CREATED));
            return operationStore().update(operation(id, "dev-" + id, CREATED)
                    .finish(RegistrationStatus.ASSIGNED, UPDATED));
        });
        assertThat(results).containsOnly(true);
        for (int i = 1; i <= VersionedStoreContract.CONCURRENT_WRITERS; i++) {
            assertThat(operationStore().find("op-" + i)).map(RegistrationOperation::status)
                    .contains(RegistrationStatus.ASSIGNED);
        }
    }
}
