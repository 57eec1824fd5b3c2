package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.opendps.core.provisioning.OperationStore;
import org.opendps.core.provisioning.RegistrationOperation;
import org.opendps.core.registration.RegistrationStatus;

/**
 * Registration operations in table {@code registration_operation}, by their exact operation ID: the service makes
 * the IDs, so unlike every other id they are not compared case-insensitively.
 */
final class JdbcOperationStore implements OperationStore {
    private final Database database;
    private final SqlStatements sql;

    JdbcOperationStore(Database database) {
        this.database = database;
        this.sql = SqlStatements.load("registration_operation", database.dialect());
    }

    /** @throws StoreException when the operation ID is taken: IDs are random, so that is a bug, not a conflict */
    @Override
    public void insert(RegistrationOperation operation) {
        Params params = new Params().text("operation_id", operation.operationId())
                .text("registration_id", operation.registrationId())
                .text("registration_id_key", JdbcVersionedStore.key(operation.registrationId()))
                .text("status", operation.status().wireName())
                .instant("created_at", operation.created())
                .instant("updated_at", operation.updated());
        database.update("store a registration operation", sql.get("insert"), params);
    }

    @Override
    public Optional<RegistrationOperation> find(String operationId) {
        Params params = new Params().text("operation_id", Objects.requireNonNull(operationId, "operationId"));
        return database.query("read a registration operation", sql.get("find"), params,
                JdbcOperationStore::operation).stream().findFirst();
    }

    @Override
    public boolean update(RegistrationOperation operation) {
        Params params = new Params().text("operation_id", operation.operationId())
                .text("status", operation.status().wireName())
                .instant("updated_at", operation.updated());
        return database.update("update a registration operation", sql.get("update"), params) > 0;
    }

    @Override
    public int deleteUpdatedBefore(Instant cutoff, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        Objects.requireNonNull(cutoff, "cutoff");
        // A read first: most sweeps find nothing due, and a DELETE would take SQLite's writer and a sync for nothing.
        if (database.query("find old registration operations", sql.get("any_updated_before"),
                new Params().instant("cutoff", cutoff), row -> true).isEmpty()) {
            return 0;
        }
        return database.update("delete old registration operations", sql.get("delete_updated_before"),
                new Params().instant("cutoff", cutoff).integer("limit", limit));
    }

    private static RegistrationOperation operation(ResultSet row) throws SQLException {
        return new RegistrationOperation(row.getString("operation_id"), row.getString("registration_id"),
                Columns.wireEnum(row, "status", RegistrationStatus::fromWireName),
                Columns.instant(row, "created_at"), Columns.instant(row, "updated_at"));
    }
}
