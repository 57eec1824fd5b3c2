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
 * Runs single statements on the pool, each in its own auto-committed transaction, and turns SQL failures into
 * {@link StoreException}s.
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
        NamedStatement statement = parsed.computeIfAbsent(sql, NamedStatement::parse);
        boolean serialize = dialect == Dialect.SQLITE;
        if (serialize) {
            writeLock.lock();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement prepared = connection.prepareStatement(statement.jdbcSql())) {
            statement.bind(prepared, params);
            return prepared.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        } finally {
            if (serialize) {
                writeLock.unlock();
            }
        }
    }

    private StoreException failure(String what, SQLException e) {
        return new StoreException("Could not " + what + " in the database at " + safeUrl + ": "
                + JdbcUrls.firstSentence(e) + ".", e);
    }
}
