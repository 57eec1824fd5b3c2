package org.opendps.store.jdbc;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 *
 * <p>A write may also be <em>deferred</em> (see {@code Durability}): a group of deferred writes only is committed
 * with {@code synchronous=NORMAL}, which skips the sync; its writes survive a crash of the process (the WAL is in
 * the kernel's cache) but not a power loss. The next group with a durable write syncs the WAL file whole, and with
 * it every deferred write before it, since the writer commits in order. A barrier ({@link #sync}) syncs the WAL
 * file itself, for when no durable write follows.
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
    private final Path walFile;
    private final BlockingQueue<Write<?>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong unsyncedCommits = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private volatile boolean closed;

    /** @param databaseFile the SQLite file; its WAL is the file beside it with {@code -wal} appended */
    GroupCommit(DataSource dataSource, Path databaseFile, String name) {
        this.dataSource = dataSource;
        this.walFile = databaseFile.resolveSibling(databaseFile.getFileName() + "-wal");
        this.writer = new Thread(this::writeGroups, name + "-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Runs {@code work} in the next group and returns its result once the group is committed and synced. */
    <R> R write(Work<R> work) throws SQLException {
        return write(work, Durable.YES);
    }

    /** As {@link #write(Work)}; a deferred write returns once committed, before any sync. */
    <R> R write(Work<R> work, Durable durable) throws SQLException {
        return enqueue(new Write<>(work, durable));
    }

    /** Returns once every write committed before it is synced. */
    void sync() throws SQLException {
        enqueue(new Write<>(connection -> null, Durable.BARRIER));
    }

    private <R> R enqueue(Write<R> write) throws SQLException {
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("a write must not wait for a write from within the writer");
        }
        if (closed) {
            throw new SQLException("the database is closed");
        }
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

    /** Commits so far: fewer than the writes when groups formed. */
    long commits() {
        return commits.get();
    }

    /** Commits so far that skipped the sync (deferred writes only). */
    long unsyncedCommits() {
        return unsyncedCommits.get();
    }

    /** Writes committed or failed so far, barriers left out: divided by the commits, the mean group size. */
    long writes() {
        return writes.get();
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
        boolean synced = group.stream().anyMatch(write -> write.durable != Durable.DEFERRED);
        boolean barrier = group.stream().anyMatch(write -> write.durable == Durable.BARRIER);
        List<Runnable> completions = new ArrayList<>(group.size());
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement()) {
                if (!synced) {
                    statement.execute("PRAGMA synchronous = NORMAL");
                }
                connection.setAutoCommit(false);
                try {
                    for (Write<?> write : group) {
                        completions.add(write.runIn(connection, statement));
                    }
                    connection.commit();
                    commits.incrementAndGet();
                    writes.addAndGet(group.stream().filter(write -> write.durable != Durable.BARRIER).count());
                    if (!synced) {
                        unsyncedCommits.incrementAndGet();
                    }
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                } finally {
                    connection.setAutoCommit(true); // the pool's other users expect auto-commit
                    if (!synced) {
                        statement.execute("PRAGMA synchronous = FULL"); // and every commit synced
                    }
                }
            }
            if (barrier) {
                syncWal(); // a group that wrote nothing has no commit for SQLite to sync
            }
        } catch (SQLException | RuntimeException e) {
            group.forEach(write -> write.done.completeExceptionally(e));
            return;
        }
        completions.forEach(Runnable::run);
    }

    private void syncWal() throws SQLException {
        try (FileChannel wal = FileChannel.open(walFile, StandardOpenOption.READ)) {
            wal.force(false);
        } catch (NoSuchFileException e) {
            // No WAL: everything was checkpointed into the database file, which a checkpoint syncs.
        } catch (IOException e) {
            throw new SQLException("cannot sync " + walFile.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e); // a connection this broken is one the pool discards
        }
    }

    /** Whether a write waits for the sync of its commit. */
    enum Durable {
        YES,
        DEFERRED,
        /** No write of its own: the WAL synced, and every commit before it with it. */
        BARRIER
    }

    /** One caller's write, and how it ended once the group commits. */
    private static final class Write<R> {
        private final Work<R> work;
        private final Durable durable;
        private final CompletableFuture<R> done = new CompletableFuture<>();

        Write(Work<R> work, Durable durable) {
            this.work = work;
            this.durable = durable;
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
