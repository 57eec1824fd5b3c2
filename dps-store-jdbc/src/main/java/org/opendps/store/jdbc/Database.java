package org.opendps.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.opendps.core.store.Durability;

/**
 * Runs single statements on the pool, each in its own auto-committed transaction (or, where a write must land whole,
 * several in one transaction), and turns SQL failures into {@link StoreException}s.
 *
 * <p>SQLite allows one writer at a time: concurrent writers on other connections wait on its lock and, past
 * {@code busy_timeout}, fail with SQLITE_BUSY. So on SQLite every write of this process goes through one writer
 * thread, which also commits concurrent writes together ({@link GroupCommit}); {@code busy_timeout} is left to
 * cover other processes on the same file. Readers run beside it on their own connections (WAL).
 *
 * <p>It is also the storage's {@link Durability}: on SQLite, writes made {@link #deferring} skip their sync until
 * the next durable write or {@link #sync}. PostgreSQL syncs every commit; a deferred write there is durable at once.
 */
final class Database implements Durability {
    /** What is done with a statement, prepared and bound. */
    @FunctionalInterface
    private interface StatementUse<R> {
        R apply(PreparedStatement statement) throws SQLException;
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader<R> {
        R read(ResultSet row) throws SQLException;
    }

    /** The writes of one transaction, each on the transaction's connection. */
    @FunctionalInterface
    interface Transaction {
        /** The number of rows the write changed. */
        int update(String sql, Params params) throws SQLException;
    }

    /** What one transaction does; it commits when this returns, and rolls back when this throws. */
    @FunctionalInterface
    interface TransactionWork<R> {
        R run(Transaction transaction) throws SQLException;
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String safeUrl;
    private final Map<String, NamedStatement> parsed = new ConcurrentHashMap<>();
    /** The SQLite file; null on PostgreSQL. */
    private final Path sqliteFile;
    /** SQLite's single writer; null on PostgreSQL, where each write auto-commits on its own connection. */
    private final GroupCommit groupCommit;
    /** SQLite's statements kept per connection; null where each is prepared and closed (PostgreSQL, tests). */
    private final PreparedStatements statements;
    /** Set on a thread while it runs writes {@link #deferring}. */
    private final ThreadLocal<Boolean> deferring = ThreadLocal.withInitial(() -> false);

    /** @param sqliteFile the database file on SQLite, null on PostgreSQL */
    Database(DataSource dataSource, Dialect dialect, String safeUrl, Path sqliteFile) {
        this(dataSource, dialect, safeUrl, sqliteFile, dialect == Dialect.SQLITE ? new PreparedStatements() : null);
    }

    private Database(DataSource dataSource, Dialect dialect, String safeUrl, Path sqliteFile,
            PreparedStatements statements) {
        this.statements = statements;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.safeUrl = safeUrl;
        this.sqliteFile = sqliteFile;
        this.groupCommit = dialect == Dialect.SQLITE ? new GroupCommit(dataSource, sqliteFile, "opendps-sqlite") : null;
    }

    Dialect dialect() {
        return dialect;
    }

    /**
     * The same database reached through {@code other}, for tests that watch the statements (see JdbcStorage): each
     * statement prepared on {@code other}'s connections, none kept.
     */
    Database through(DataSource other) {
        return new Database(other, dialect, safeUrl, sqliteFile, null);
    }

    /** The pool itself, for tests that need several connections at once. */
    DataSource dataSource() {
        return dataSource;
    }

    /** The rows a query returns, read in order. */
    <R> List<R> query(String what, String sql, Params params, RowReader<R> reader) {
        NamedStatement statement = parsed.computeIfAbsent(sql, NamedStatement::parse);
        try (Connection connection = dataSource.getConnection()) {
            return using(connection, statement, params, prepared -> {
                try (ResultSet rows = prepared.executeQuery()) {
                    List<R> result = new ArrayList<>();
                    while (rows.next()) {
                        result.add(reader.read(rows));
                    }
                    return result;
                }
            });
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** The number of rows a write changed. */
    int update(String what, String sql, Params params) {
        try {
            if (groupCommit != null) {
                return groupCommit.write(connection -> execute(connection, sql, params), durable());
            }
            try (Connection connection = dataSource.getConnection()) {
                return execute(connection, sql, params);
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Several writes that land together or not at all. On SQLite they run on the writer thread, in one savepoint
     * of its group; {@code work} must not call this database's writes itself.
     */
    <R> R inTransaction(String what, TransactionWork<R> work) {
        try {
            if (groupCommit != null) {
                return groupCommit.write(connection -> work.run((sql, params) -> execute(connection, sql, params)),
                        durable());
            }
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                R result;
                try {
                    result = work.run((sql, params) -> execute(connection, sql, params));
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
                connection.setAutoCommit(true); // the pool's other users expect auto-commit
                return result;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    @Override
    public <T> T deferring(Supplier<T> writes) {
        if (deferring.get()) {
            return writes.get();
        }
        deferring.set(true);
        try {
            return writes.get();
        } finally {
            deferring.remove();
        }
    }

    @Override
    public void sync() {
        if (groupCommit == null) {
            return;
        }
        try {
            groupCommit.sync();
        } catch (SQLException e) {
            throw failure("sync the writes", e);
        }
    }

    private GroupCommit.Durable durable() {
        return deferring.get() ? GroupCommit.Durable.DEFERRED : GroupCommit.Durable.YES;
    }

    /** Commits of SQLite's writer so far (0 on PostgreSQL). */
    long groupCommits() {
        return groupCommit == null ? 0 : groupCommit.commits();
    }

    /** Commits of SQLite's writer that skipped the sync (0 on PostgreSQL). */
    long unsyncedCommits() {
        return groupCommit == null ? 0 : groupCommit.unsyncedCommits();
    }

    /** Writes through SQLite's writer so far (0 on PostgreSQL). */
    long groupWrites() {
        return groupCommit == null ? 0 : groupCommit.writes();
    }

    /** Stops SQLite's writer; writes still waiting fail. */
    void close() {
        if (groupCommit != null) {
            groupCommit.close();
        }
    }

    private int execute(Connection connection, String sql, Params params) throws SQLException {
        NamedStatement statement = parsed.computeIfAbsent(sql, NamedStatement::parse);
        return using(connection, statement, params, PreparedStatement::executeUpdate);
    }

    private <R> R using(Connection connection, NamedStatement statement, Params params, StatementUse<R> use)
            throws SQLException {
        if (statements == null) {
            try (PreparedStatement prepared = connection.prepareStatement(statement.jdbcSql())) {
                statement.bind(prepared, params);
                return use.apply(prepared);
            }
        }
        PreparedStatement prepared = statements.prepare(connection, statement.jdbcSql());
        try {
            statement.bind(prepared, params);
            return use.apply(prepared);
        } catch (SQLException | RuntimeException e) {
            statements.discard(connection, statement.jdbcSql(), e); // whatever state the failure left it in
            throw e;
        }
    }

    /** Undoes the transaction and restores auto-commit; the first failure stays the one reported. */
    private static void rollback(Connection connection, Exception cause) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            cause.addSuppressed(e); // a connection this broken is one the pool discards
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("Could not " + what + " in the database at " + safeUrl + ": "
                + JdbcUrls.firstSentence(e) + ".", e);
    }
}
