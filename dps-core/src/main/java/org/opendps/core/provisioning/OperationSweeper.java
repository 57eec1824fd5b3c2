package org.opendps.core.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forgets the registration operations no device will poll again. Every registration stores one, and a device polls
 * it only while it registers (seconds, at most minutes), so without this the table grows by a row per registration
 * for ever. Each sweep deletes the operations not updated for the retention, finished or not: an operation a dead
 * node left {@code assigning} has been answered as over since {@link UnfinishedOperation#ABANDONED_AFTER}.
 *
 * <p>It deletes a batch per statement with a pause between batches, so that SQLite's single writer, which every
 * registration needs too, is never held long, even for the backlog of a database that never had a sweep. Deletes
 * are idempotent, so nodes sharing a database may sweep at the same time: the later one finds less to delete.
 */
public final class OperationSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OperationSweeper.class);
    public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
    /**
     * The abandoned window and some minutes more: a device still polling an abandoned operation gets its final
     * answer for a while, instead of a 404 the moment the operation counts as over.
     */
    public static final Duration MINIMUM_RETENTION = UnfinishedOperation.ABANDONED_AFTER.plusMinutes(5);
    /** A batch takes milliseconds; this bounds only a stuck one, so that SIGTERM still ends the process in time. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    /**
     * When sweeps run and how much each statement deletes.
     *
     * @param firstAfter from {@link #start()} to the first sweep, which takes the backlog of the time the node was down
     * @param interval from the end of one sweep to the start of the next
     * @param batchSize operations deleted per statement; a sweep ends with the first batch that deletes fewer
     * @param pause between two batches of one sweep, for the writes of registrations
     */
    public record Schedule(Duration firstAfter, Duration interval, int batchSize, Duration pause) {
        public static final Schedule DEFAULT = new Schedule(Duration.ofMinutes(1), Duration.ofMinutes(5), 1000,
                Duration.ofMillis(50));

        public Schedule {
            Objects.requireNonNull(firstAfter, "firstAfter");
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(pause, "pause");
            if (firstAfter.isNegative() || interval.isNegative() || interval.isZero() || batchSize < 1
                    || pause.isNegative()) {
                throw new IllegalArgumentException("sweep schedule out of range: " + firstAfter + " then every "
                        + interval + ", batches of " + batchSize + " " + pause + " apart");
            }
        }
    }

    private final OperationStore operations;
    private final Duration retention;
    private final Schedule schedule;
    private final Clock clock;
    private final RegistrationMetrics metrics;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "opendps-operation-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    /** @throws IllegalArgumentException when {@code retention} is shorter than {@link #MINIMUM_RETENTION} */
    public OperationSweeper(OperationStore operations, Duration retention, Schedule schedule, Clock clock,
            RegistrationMetrics metrics) {
        this.operations = Objects.requireNonNull(operations, "operations");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        if (retention.compareTo(MINIMUM_RETENTION) < 0) {
            throw new IllegalArgumentException("the operation retention must be at least " + MINIMUM_RETENTION
                    + ", not " + retention);
        }
    }

    /** Sweeps in the background on the schedule, until {@link #close()}. */
    public OperationSweeper start() {
        executor.scheduleWithFixedDelay(this::sweep, schedule.firstAfter().toMillis(),
                schedule.interval().toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * One sweep, batch after batch, until a batch deletes fewer than the batch size or the sweeper closes. Never
     * throws: a failure is logged and the next sweep starts over.
     *
     * @return how many operations it deleted
     */
    public int sweep() {
        Instant cutoff = clock.instant().minus(retention);
        int total = 0;
        try {
            int deleted;
            do {
                deleted = operations.deleteUpdatedBefore(cutoff, schedule.batchSize());
                total += deleted;
                if (deleted > 0) {
                    metrics.operationsDeleted(deleted);
                }
            } while (deleted == schedule.batchSize() && !pausedUntilClosing());
        } catch (RuntimeException e) {
            LOG.warn("Could not forget registration operations last updated before {} ({} forgotten in this sweep);"
                    + " the next sweep tries again", cutoff, total, e);
            return total;
        }
        if (total > 0) {
            LOG.info("Forgot {} registration operations last updated before {} (retention {})", total, cutoff,
                    retention);
        }
        return total;
    }

    /** Waits out the pause between batches; true when the sweeper is closing, and the sweep should end. */
    private boolean pausedUntilClosing() {
        try {
            return closing.await(schedule.pause().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Ends a running sweep after its current batch, so that the store can close behind it. */
    @Override
    public void close() {
        closing.countDown();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
