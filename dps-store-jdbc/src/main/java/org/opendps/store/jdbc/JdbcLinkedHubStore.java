package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.hub.LinkedHubStore;

/** Linked hubs in table {@code linked_hub}, found by lower-cased host name. */
final class JdbcLinkedHubStore implements LinkedHubStore {
    private final Database database;
    private final SqlStatements sql;

    JdbcLinkedHubStore(Database database) {
        this.database = database;
        this.sql = SqlStatements.load("linked_hub", database.dialect());
    }

    @Override
    public List<LinkedHub> list() {
        return database.query("read linked hubs", sql.get("list"), new Params(), JdbcLinkedHubStore::hub);
    }

    @Override
    public Optional<LinkedHub> find(String hostName) {
        Params params = new Params().text("host_name_key", JdbcVersionedStore.key(Objects.requireNonNull(hostName)));
        return database.query("read a linked hub", sql.get("find"), params, JdbcLinkedHubStore::hub)
                .stream().findFirst();
    }

    @Override
    public void put(LinkedHub hub) {
        Params params = new Params().text("host_name_key", JdbcVersionedStore.key(hub.hostName()))
                .text("host_name", hub.hostName())
                .text("key_name", hub.keyName())
                .text("key", hub.key())
                .text("location", hub.location())
                .integer("allocation_weight", hub.allocationWeight())
                .bool("apply_allocation_policy", hub.applyAllocationPolicy());
        database.update("store a linked hub", sql.get("put"), params);
    }

    @Override
    public boolean delete(String hostName) {
        Params params = new Params().text("host_name_key", JdbcVersionedStore.key(Objects.requireNonNull(hostName)));
        return database.update("delete a linked hub", sql.get("delete"), params) > 0;
    }

    private static LinkedHub hub(ResultSet row) throws SQLException {
        int weight = row.getInt("allocation_weight");
        if (weight < 1 || weight > LinkedHub.MAX_WEIGHT) {
            // The constructor would say so too, but as a bug of the caller; this is a damaged row.
            throw new StoreException("Column linked_hub.allocation_weight holds " + weight + ", outside 1 to "
                    + LinkedHub.MAX_WEIGHT + ".");
        }
        return new LinkedHub(row.getString("host_name"), row.getString("key_name"), row.getString("key"),
                row.getString("location"), weight, row.getBoolean("apply_allocation_policy"));
    }
}
