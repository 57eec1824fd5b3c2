package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.hub.registry.HubDevice;
import org.opendps.hub.registry.HubDeviceStore;

/**
 * Device identities of the built-in hubs in table {@code hub_device}, by lower-cased hub host name and the device ID
 * exactly as given: Azure compares device IDs case-sensitively, so unlike every DPS id they are never lower-cased.
 */
final class JdbcHubDeviceStore implements HubDeviceStore {
    /**
     * Azure's wire names of the authentication types the hub keeps. A CA-signed device has neither keys nor
     * thumbprints, so the type column alone holds it (V3 has no constraint on the column: no migration needed).
     */
    private static final String SAS = "sas";
    private static final String SELF_SIGNED = "selfSigned";
    private static final String CERTIFICATE_AUTHORITY = "certificateAuthority";

    private final Database database;
    private final SqlStatements sql;

    JdbcHubDeviceStore(Database database) {
        this.database = database;
        this.sql = SqlStatements.load("hub_device", database.dialect());
    }

    @Override
    public Optional<HubDevice> find(String hubHostName, String deviceId) {
        return database.query("read a hub device", sql.get("find"), key(hubHostName, deviceId),
                JdbcHubDeviceStore::device).stream().findFirst();
    }

    @Override
    public boolean insert(String hubHostName, HubDevice device) {
        Revision revision = Objects.requireNonNull(device.revision(), "revision");
        Params params = key(hubHostName, device.deviceId())
                .text("generation_id", device.generationId())
                .instant("created_at", revision.created());
        bindFields(device, params);
        return database.update("store a hub device", sql.get("insert"), params) == 1;
    }

    @Override
    public boolean replace(String hubHostName, HubDevice device, long expectedVersion) {
        Objects.requireNonNull(device.revision(), "revision");
        Params params = key(hubHostName, device.deviceId()).bigint("expected_version", expectedVersion);
        bindFields(device, params);
        return database.update("replace a hub device", sql.get("replace"), params) == 1;
    }

    @Override
    public boolean delete(String hubHostName, String deviceId, long expectedVersion) {
        Params params = key(hubHostName, deviceId);
        if (expectedVersion < 0) {
            return database.update("delete a hub device", sql.get("delete_any"), params) > 0;
        }
        params.bigint("expected_version", expectedVersion);
        return database.update("delete a hub device", sql.get("delete"), params) > 0;
    }

    @Override
    public List<HubDevice> list(String hubHostName, String afterDeviceId, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        Params params = new Params()
                .text("hub_host_name_key", JdbcVersionedStore.key(Objects.requireNonNull(hubHostName, "hubHostName")))
                .text("after_device_id", afterDeviceId == null ? "" : afterDeviceId)
                .integer("limit", limit);
        return database.query("list hub devices", sql.get("list"), params, JdbcHubDeviceStore::device);
    }

    /** The two columns that name a device: the hub's host name lower-cased, the device ID as it is. */
    static Params key(String hubHostName, String deviceId) {
        return new Params()
                .text("hub_host_name_key", JdbcVersionedStore.key(Objects.requireNonNull(hubHostName, "hubHostName")))
                .text("device_id", Objects.requireNonNull(deviceId, "deviceId"));
    }

    /** Every column a replace changes. */
    private static void bindFields(HubDevice device, Params params) {
        DeviceAuthentication authentication = device.authentication();
        if (authentication instanceof DeviceAuthentication.SymmetricKey keys) {
            params.text("authentication_type", SAS)
                    .text("primary_key", keys.primaryKey()).text("secondary_key", keys.secondaryKey())
                    .text("primary_thumbprint", null).text("secondary_thumbprint", null);
        } else if (authentication instanceof DeviceAuthentication.X509Thumbprint thumbprints) {
            params.text("authentication_type", SELF_SIGNED)
                    .text("primary_key", null).text("secondary_key", null)
                    .text("primary_thumbprint", thumbprints.primaryThumbprint())
                    .text("secondary_thumbprint", thumbprints.secondaryThumbprint());
        } else if (authentication instanceof DeviceAuthentication.CertificateAuthority) {
            params.text("authentication_type", CERTIFICATE_AUTHORITY)
                    .text("primary_key", null).text("secondary_key", null)
                    .text("primary_thumbprint", null).text("secondary_thumbprint", null);
        } else {
            throw new IllegalArgumentException("The hub cannot store a device authenticated by "
                    + authentication.getClass().getSimpleName() + ".");
        }
        params.bool("enabled", device.enabled())
                .text("status_reason", device.statusReason())
                .bool("iot_edge", device.iotEdge())
                .bigint("version", device.revision().version())
                .instant("updated_at", device.revision().updated());
    }

    private static HubDevice device(ResultSet row) throws SQLException {
        Revision revision = new Revision(row.getLong("version"), Columns.instant(row, "created_at"),
                Columns.instant(row, "updated_at"));
        return new HubDevice(row.getString("device_id"), authentication(row), row.getBoolean("enabled"),
                row.getString("status_reason"), row.getBoolean("iot_edge"), row.getString("generation_id"), revision);
    }

    private static DeviceAuthentication authentication(ResultSet row) throws SQLException {
        String type = row.getString("authentication_type");
        if (SAS.equals(type)) {
            return new DeviceAuthentication.SymmetricKey(row.getString("primary_key"), row.getString("secondary_key"));
        }
        if (SELF_SIGNED.equals(type)) {
            return new DeviceAuthentication.X509Thumbprint(row.getString("primary_thumbprint"),
                    row.getString("secondary_thumbprint"));
        }
        if (CERTIFICATE_AUTHORITY.equals(type)) {
            return new DeviceAuthentication.CertificateAuthority();
        }
        throw new StoreException("Column hub_device.authentication_type holds '" + type
                + "', which this version of OpenDPS does not know.");
    }
}
