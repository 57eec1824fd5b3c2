package org.opendps.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * SQLite's prepared statements, kept per physical connection and reused. Compiling a statement
 * ({@code sqlite3_prepare}) cost about a third of the server's SQLite time per registration in the profile, and
 * neither HikariCP (by design) nor the SQLite driver keeps statements; PostgreSQL's driver does, so this is for
 * SQLite only.
 *
 * <p>Statements are prepared on the connection under the pool's proxy, which would otherwise close them when the
 * connection goes back to the pool. A pooled connection is used by one thread at a time, and so are its statements.
 * A caller must close every result set it opens: SQLite resets a statement then, which ends its read transaction
 * (an open one would keep the WAL from being checkpointed). When the pool retires a connection, its statements go
 * with it.
 */
final class PreparedStatements {
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new WeakHashMap<>();

    /** A statement ready to bind, prepared on first use; not to be closed by the caller. */
    PreparedStatement prepare(Connection pooled, String sql) throws SQLException {
        Connection physical = pooled.unwrap(Connection.class);
        Map<String, PreparedStatement> statements;
        synchronized (byConnection) {
            statements = byConnection.computeIfAbsent(physical, connection -> new HashMap<>());
        }
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /** Closes and forgets a statement whose use failed; the next use prepares it again. */
    void discard(Connection pooled, String sql, Exception failure) {
        try {
            Connection physical = pooled.unwrap(Connection.class);
            Map<String, PreparedStatement> statements;
            synchronized (byConnection) {
                statements = byConnection.get(physical);
            }
            PreparedStatement statement = statements == null ? null : statements.remove(sql);
            if (statement != null) {
                statement.close();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }
}
