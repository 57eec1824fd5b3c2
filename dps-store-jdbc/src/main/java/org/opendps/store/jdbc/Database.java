package org.opendps.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Runs single statements on the pool, each in its own auto-committed transaction (or, where a write must land whole,
 * several in one transaction), and turns SQL failures into {@link StoreException}s.
 *
 * <p>SQLite allows one writer at a time: concurrent writers on other connections wait on its lock and, past
 * {@code busy_timeout}, fail with SQLITE_BUSY. So on SQLite every write of this process first takes one fair
 * Java lock; {@code busy_timeout} is left to cover other processes on the same file. Readers take no lock (WAL
 * lets them run beside the writer). The lock is taken before a connection is borrowed, never after, so that a
 * writer waiting for the lock holds no connection the lock holder may be waiting for.
 */
final class Database {
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
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final Map<String, NamedStatement> parsed = new ConcurrentHashMap<>();

    Database(DataSource dataSource, Dialect dialect, String safeUrl) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.safeUrl = safeUrl;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The same database reached through {@code other}, for tests that watch the statements (see JdbcStorage). */
    Database through(DataSource other) {
        return new Database(other, dialect, safeUrl);
    }

    /** The pool itself, for tests that need several connections at once. */
    DataSource dataSource() {
        return dataSource;
    }

    /** The rows a query returns, read in order. */
    <R> List<R> query(String what, String sql, Params params, RowReader<R> reader) {
        NamedStatement statement = parsed.computeIfAbsent(sql, NamedStatement::parse);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prepared = connection.prepareStatement(statement.jdbcSql())) {
            statement.bind(prepared, params);
            try (ResultSet rows = prepared.executeQuery()) {
                List<R> result = new ArrayList<>();
                while (rows.next()) {
                    result.add(reader.read(rows));
                }
                return result;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** The number of rows a write changed. */
    int update(String what, String sql, Params params) {
        boolean serialize = dialect == Dialect.SQLITE;
        if (serialize) {
            writeLock.lock();
        }
        try (Connection connection = dataSource.getConnection()) {
            return execute(connection, sql, params);
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            if (serialize) {
                writeLock.unlock();
            }
        }
    }

    /**
     * Several writes that land together or not at all. On SQLite the write lock is held throughout, taken before the
     * connection as for a single write; the first statement should write, so that SQLite takes its own write lock
     * at once rather than upgrading a read, which another process could make fail.
     */
    <R> R inTransaction(String what, TransactionWork<R> work) {
        boolean serialize = dialect == Dialect.SQLITE;
        if (serialize) {
            writeLock.lock();
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
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            if (serialize) {
                writeLock.unlock();
            }
        }
    }

    private int execute(Connection connection, String sql, Params params) throws SQLException {
        NamedStatement statement = parsed.computeIfAbsent(sql, NamedStatement::parse);
        try (PreparedStatement prepared = connection.prepareStatement(statement.jdbcSql())) {
            statement.bind(prepared, params);
            return prepared.executeUpdate();
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
