package org.opendps.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.provisioning.OperationStore;
import org.opendps.core.provisioning.OperationSweeper;
import org.opendps.core.provisioning.RegistrationOperation;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.server.metrics.OpenDpsMetrics;
import org.opendps.store.jdbc.JdbcStorage;

/**
 * The sweep of old registration operations over a real SQLite database (core's own tests cannot reach the store),
 * with a clock the tests move and batches small enough to count.
 */
class OperationSweeperTest {
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07.123456Z");
    private static final OperationSweeper.Schedule BATCHES_OF_3 = new OperationSweeper.Schedule(Duration.ofMinutes(1),
            Duration.ofMinutes(5), 3, Duration.ofMillis(1));

    @TempDir
    Path directory;

    private JdbcStorage storage;
    private final SettableClock clock = new SettableClock(NOW);
    private final OpenDpsMetrics metrics = new OpenDpsMetrics();
    private final List<Integer> batches = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        storage = JdbcStorage.open("jdbc:sqlite:" + directory.resolve("opendps.db"));
    }

    @AfterEach
    void close() {
        storage.close();
        metrics.close();
    }

    @Test
    void a_sweep_deletes_batch_after_batch_until_one_comes_back_short_and_keeps_what_is_within_retention() {
        for (int i = 0; i < 7; i++) {
            insert("old-" + i, NOW.minus(RETENTION).minusSeconds(1 + i));
        }
        insert("within", NOW.minus(RETENTION).plusSeconds(1));
        insert("fresh", NOW);

        try (OperationSweeper sweeper = sweeper(BATCHES_OF_3)) {
            assertThat(sweeper.sweep()).isEqualTo(7);
        }

        assertThat(batches).containsExactly(3, 3, 1);
        for (int i = 0; i < 7; i++) {
            assertThat(storage.operations().find("old-" + i)).isEmpty();
        }
        assertThat(storage.operations().find("within")).isPresent();
        assertThat(storage.operations().find("fresh")).isPresent();
        assertThat(metrics.registry().find("opendps.operations.deleted").counter().count()).isEqualTo(7);
        assertThat(metrics.scrape()).contains("opendps_operations_deleted_total 7.0");
    }

    @Test
    void a_sweep_ends_with_an_empty_batch_when_the_old_ones_fill_whole_batches() {
        for (int i = 0; i < 6; i++) {
            insert("old-" + i, NOW.minus(Duration.ofDays(3)));
        }

        try (OperationSweeper sweeper = sweeper(BATCHES_OF_3)) {
            assertThat(sweeper.sweep()).isEqualTo(6);
        }

        assertThat(batches).containsExactly(3, 3, 0);
    }

    @Test
    void a_sweep_with_nothing_due_writes_nothing() {
        insert("fresh", NOW);
        JdbcStorage.WriterCounts before = storage.writerCounts();

        try (OperationSweeper sweeper = sweeper(BATCHES_OF_3)) {
            assertThat(sweeper.sweep()).isZero();
        }

        assertThat(storage.writerCounts()).as("no write, so no commit and no sync").isEqualTo(before);
        assertThat(storage.operations().find("fresh")).isPresent();
    }

    @Test
    void an_operation_is_kept_for_the_retention_after_its_last_update_and_forgotten_after() {
        RegistrationOperation operation = insert("op-1", NOW.minus(Duration.ofHours(2)));
        RegistrationOperation finished = operation.finish(RegistrationStatus.ASSIGNED, NOW);
        storage.operations().update(finished);

        try (OperationSweeper sweeper = sweeper(BATCHES_OF_3)) {
            clock.set(NOW.plus(RETENTION));
            assertThat(sweeper.sweep()).isZero();
            assertThat(storage.operations().find("op-1")).contains(finished);

            clock.set(NOW.plus(RETENTION).plusNanos(1_000));
            assertThat(sweeper.sweep()).isEqualTo(1);
            assertThat(storage.operations().find("op-1")).isEmpty();
        }
    }

    @Test
    void a_sweep_that_fails_is_logged_not_thrown_and_the_next_sweep_deletes() {
        insert("old", NOW.minus(Duration.ofDays(2)));
        AtomicInteger failuresLeft = new AtomicInteger(1);
        OperationStore failingOnce = new CountingStore(storage.operations()) {
            @Override
            public int deleteUpdatedBefore(Instant cutoff, int limit) {
                if (failuresLeft.getAndDecrement() > 0) {
                    throw new IllegalStateException("database unreachable");
                }
                return super.deleteUpdatedBefore(cutoff, limit);
            }
        };

        try (OperationSweeper sweeper = new OperationSweeper(failingOnce, RETENTION, BATCHES_OF_3, clock, metrics)) {
            assertThat(sweeper.sweep()).isZero();
            assertThat(storage.operations().find("old")).isPresent();
            assertThat(sweeper.sweep()).isEqualTo(1);
        }
        assertThat(storage.operations().find("old")).isEmpty();
    }

    @Test
    void once_started_it_sweeps_soon_and_again_on_its_interval_until_closed() throws Exception {
        insert("old-1", NOW.minus(Duration.ofDays(2)));
        OperationSweeper.Schedule often = new OperationSweeper.Schedule(Duration.ZERO, Duration.ofMillis(50), 3,
                Duration.ZERO);

        try (OperationSweeper sweeper = sweeper(often).start()) {
            awaitForgotten("old-1");
            insert("old-2", NOW.minus(Duration.ofDays(2)));
            awaitForgotten("old-2");
        }
        int sweepsSoFar = batches.size();
        insert("old-3", NOW.minus(Duration.ofDays(2)));
        Thread.sleep(200);
        assertThat(batches).hasSize(sweepsSoFar);
        assertThat(storage.operations().find("old-3")).isPresent();
    }

    @Test
    void closing_ends_a_running_sweep_after_its_current_batch() throws Exception {
        for (int i = 0; i < 3; i++) {
            insert("old-" + i, NOW.minus(Duration.ofDays(2)).plusSeconds(i));
        }
        CountDownLatch firstBatch = new CountDownLatch(1);
        OperationStore signalling = new CountingStore(storage.operations()) {
            @Override
            public int deleteUpdatedBefore(Instant cutoff, int limit) {
                int deleted = super.deleteUpdatedBefore(cutoff, limit);
                firstBatch.countDown();
                return deleted;
            }
        };
        OperationSweeper.Schedule longPauses = new OperationSweeper.Schedule(Duration.ofMinutes(1),
                Duration.ofMinutes(5), 1, Duration.ofMinutes(10));
        OperationSweeper sweeper = new OperationSweeper(signalling, RETENTION, longPauses, clock, metrics);

        CompletableFuture<Integer> sweep = CompletableFuture.supplyAsync(sweeper::sweep);
        assertThat(firstBatch.await(5, TimeUnit.SECONDS)).isTrue();
        sweeper.close();

        assertThat(sweep.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(storage.operations().find("old-0")).isEmpty();
        assertThat(storage.operations().find("old-1")).isPresent();
    }

    @Test
    void a_retention_within_the_abandoned_operation_window_is_refused() {
        assertThatThrownBy(() -> new OperationSweeper(storage.operations(), Duration.ofMinutes(9),
                OperationSweeper.Schedule.DEFAULT, clock, metrics))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least PT10M");
    }

    private OperationSweeper sweeper(OperationSweeper.Schedule schedule) {
        return new OperationSweeper(new CountingStore(storage.operations()), RETENTION, schedule, clock, metrics);
    }

    private RegistrationOperation insert(String operationId, Instant updated) {
        RegistrationOperation operation = new RegistrationOperation(operationId, "dev-" + operationId,
                RegistrationStatus.ASSIGNING, updated, updated);
        storage.operations().insert(operation);
        return operation;
    }

    private void awaitForgotten(String operationId) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (storage.operations().find(operationId).isPresent()) {
            assertThat(System.nanoTime()).as("%s forgotten within 5 s", operationId).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** The real store, with what each delete returned recorded in {@link #batches}. */
    private class CountingStore implements OperationStore {
        private final OperationStore store;

        CountingStore(OperationStore store) {
            this.store = store;
        }

        @Override
        public void insert(RegistrationOperation operation) {
            store.insert(operation);
        }

        @Override
        public Optional<RegistrationOperation> find(String operationId) {
            return store.find(operationId);
        }

        @Override
        public boolean update(RegistrationOperation operation) {
            return store.update(operation);
        }

        @Override
        public int deleteUpdatedBefore(Instant cutoff, int limit) {
            int deleted = store.deleteUpdatedBefore(cutoff, limit);
            batches.add(deleted);
            return deleted;
        }
    }

    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
