package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.opendps.core.enrollment.Revision;
import org.opendps.hub.twin.StoredTwin;
import org.opendps.hub.twin.TwinStore;

/**
 * Device twins of the built-in hubs in table {@code device_twin}, by lower-cased hub host name and exact device ID
 * (as {@link JdbcHubDeviceStore}). The three JSON sections are kept as the text the hub gave, byte for byte: the
 * hub owns their merge rules and metadata, the store only their durability.
 */
final class JdbcTwinStore implements TwinStore {
    private final Database database;
    private final SqlStatements sql;

    JdbcTwinStore(Database database) {
        this.database = database;
        this.sql = SqlStatements.load("device_twin", database.dialect());
    }

    @Override
    public Optional<StoredTwin> find(String hubHostName, String deviceId) {
        return database.query("read a device twin", sql.get("find"), JdbcHubDeviceStore.key(hubHostName, deviceId),
                JdbcTwinStore::twin).stream().findFirst();
    }

    @Override
    public boolean insert(String hubHostName, StoredTwin twin) {
        Params params = JdbcHubDeviceStore.key(hubHostName, twin.deviceId())
                .instant("created_at", twin.revision().created());
        bindFields(twin, params);
        return database.update("store a device twin", sql.get("insert"), params) == 1;
    }

    @Override
    public boolean replace(String hubHostName, StoredTwin twin, long expectedVersion) {
        Params params = JdbcHubDeviceStore.key(hubHostName, twin.deviceId())
                .bigint("expected_version", expectedVersion);
        bindFields(twin, params);
        return database.update("replace a device twin", sql.get("replace"), params) == 1;
    }

    @Override
    public boolean delete(String hubHostName, String deviceId) {
        return database.update("delete a device twin", sql.get("delete"), JdbcHubDeviceStore.key(hubHostName,
                deviceId)) > 0;
    }

    /** Every column a replace changes. */
    private static void bindFields(StoredTwin twin, Params params) {
        params.bigint("twin_version", twin.version())
                .text("tags", twin.tagsJson())
                .text("desired", twin.desiredJson())
                .bigint("desired_version", twin.desiredVersion())
                .text("reported", twin.reportedJson())
                .bigint("reported_version", twin.reportedVersion())
                .bigint("version", twin.revision().version())
                .instant("updated_at", twin.revision().updated());
    }

    private static StoredTwin twin(ResultSet row) throws SQLException {
        Revision revision = new Revision(row.getLong("version"), Columns.instant(row, "created_at"),
                Columns.instant(row, "updated_at"));
        return new StoredTwin(row.getString("device_id"), row.getLong("twin_version"), row.getString("tags"),
                row.getString("desired"), row.getLong("desired_version"), row.getString("reported"),
                row.getLong("reported_version"), revision);
    }
}
