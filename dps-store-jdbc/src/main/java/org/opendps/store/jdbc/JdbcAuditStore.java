package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.opendps.core.audit.AuditEntry;
import org.opendps.core.audit.AuditEvent;
import org.opendps.core.audit.AuditStore;

/** The audit log in table {@code audit_log}, one row per event, never updated. */
final class JdbcAuditStore implements AuditStore {
    private final Database database;
    private final SqlStatements sql;

    JdbcAuditStore(Database database) {
        this.database = database;
        this.sql = SqlStatements.load("audit_log", database.dialect());
    }

    @Override
    public void append(AuditEvent event) {
        Params params = new Params().instant("occurred_at", event.at())
                .text("actor", event.actor())
                .text("operation", event.operation())
                .text("resource", event.resource())
                .integer("status", event.status())
                .integer("error_code", event.errorCode());
        database.update("append to the audit log", sql.get("append"), params);
    }

    @Override
    public List<AuditEntry> list(Long beforeSequence, int limit) {
        Params params = new Params().bigint("before", beforeSequence == null ? Long.MAX_VALUE : beforeSequence)
                .integer("limit", limit);
        return database.query("read the audit log", sql.get("list"), params, JdbcAuditStore::entry);
    }

    private static AuditEntry entry(ResultSet row) throws SQLException {
        return new AuditEntry(row.getLong("sequence"), new AuditEvent(Columns.instant(row, "occurred_at"),
                row.getString("actor"), row.getString("operation"), row.getString("resource"), row.getInt("status"),
                Columns.integer(row, "error_code")));
    }
}
