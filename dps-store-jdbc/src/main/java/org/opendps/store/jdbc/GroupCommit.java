package org.opendps.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The writes of this process to an SQLite file, committed in groups by one writer thread. SQLite takes one writer
 * at a time and, with {@code synchronous=FULL}, syncs the WAL at every commit (milliseconds on common disks), so a
 * commit per statement caps a node at a few hundred statements per second; several registrations write five rows
 * each. Writes that arrive while a commit is being synced wait for the next one, and all of them share it.
 *
 * <p>Each write runs in a savepoint of the group's transaction, so a write that fails (a constraint, say) is undone
 * alone and fails only its own caller. A caller returns only once the group's commit is durable, never before:
 * nothing a caller does after a write (answering a device {@code assigned}, say) can precede its commit. If the
 * commit itself fails, every write of the group fails.
 */
final class GroupCommit implements AutoCloseable {
    /** A write on the group's connection, inside its transaction. */
    @FunctionalInterface
    interface Work<R> {
        R run(Connection connection) throws SQLException;
    }

    /** Enough to share one sync between every worker thread; a larger group only waits longer. */
    private static final int MAX_GROUP = 256;

    private final DataSource dataSource;
    private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final AtomicLong commits = new AtomicLong();
    private volatile boolean closed;

    GroupCommit(DataSource dataSource, String name) {
        this.dataSource = dataSource;
        this.writer = new Thread(this::writeGroups, name + "-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs {@code work} in the next group and returns its result once the group is committed. */
    <R> R write(Work<R> work) throws SQLException {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("a write must not wait for a write from within the writer");
        }
        if (closed) {
            throw new SQLException("the database is closed");
        }
        Write<R> write = new Write<>(work);
        queue.add(write);
        if (closed && queue.remove(write)) { // closed meanwhile, after close() failed what it found queued
            throw new SQLException("the database is closed");
        }
        try {
            return write.done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the commit; the write may still land", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Commits so far, for tests: fewer than the writes when groups formed. */
    long commits() {
        return commits.get();
    }

    @Override
    public void close() {
        closed = true;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Write<?>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(write -> write.done.completeExceptionally(new SQLException("the database is closed")));
    }

    private void writeGroups() {
        List<Write<?>> group = new ArrayList<>();
        while (!closed) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return; // closing: close() fails what is left
            }
            queue.drainTo(group, MAX_GROUP - 1);
            commit(group);
            group.clear();
        }
    }

    private void commit(List<Write<?>> group) {
        List<Runnable> completions = new ArrayList<>(group.size());
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement savepoints = connection.createStatement()) {
                for (Write<?> write : group) {
                    completions.add(write.runIn(connection, savepoints));
                }
                connection.commit();
                commits.incrementAndGet();
            } catch (SQLException | RuntimeException e) {
                rollback(connection, e);
                throw e;
            } finally {
                connection.setAutoCommit(true); // the pool's other users expect auto-commit
            }
        } catch (SQLException | RuntimeException e) {
            group.forEach(write -> write.done.completeExceptionally(e));
            return;
        }
        completions.forEach(Runnable::run);
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e); // a connection this broken is one the pool discards
        }
    }

    /** One caller's write, and how it ended once the group commits. */
    private static final class Write<R> {
        private final Work<R> work;
        private final CompletableFuture<R> done = new CompletableFuture<>();

        Write(Work<R> work) {
            this.work = work;
        }

        /** Runs the write in a savepoint; what to tell the caller once the commit is durable. */
        Runnable runIn(Connection connection, Statement savepoints) throws SQLException {
            savepoints.execute("SAVEPOINT write");
            try {
                R result = work.run(connection);
                savepoints.execute("RELEASE write");
                return () -> done.complete(result);
            } catch (SQLException | RuntimeException e) {
                savepoints.execute("ROLLBACK TO write");
                savepoints.execute("RELEASE write");
                return () -> done.completeExceptionally(e);
            }
        }
    }
}
