package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.BuiltInHubStore;
import org.opendps.hub.builtin.HubPolicy;
import org.opendps.hub.builtin.HubRight;

/**
 * Built-in hubs in table {@code built_in_hub}, found by lower-cased host name, with their policies in
 * {@code hub_policy}. A hub and its policies are written in one transaction and read in one statement, so that no
 * reader, on any node, ever sees a hub without the policies it was created with.
 */
final class JdbcBuiltInHubStore implements BuiltInHubStore {
    /** One row of the join: a hub and one of its policies, or no policy for a hub without any. */
    private record HubRow(String hostName, Instant created, HubPolicy policy) {}

    private final Database database;
    private final SqlStatements sql;

    JdbcBuiltInHubStore(Database database) {
        this.database = database;
        this.sql = SqlStatements.load("built_in_hub", database.dialect());
    }

    @Override
    public List<BuiltInHub> list() {
        return hubs(database.query("read built-in hubs", sql.get("list"), new Params(), JdbcBuiltInHubStore::row));
    }

    @Override
    public Optional<BuiltInHub> find(String hostName) {
        Params params = new Params().text("host_name_key", JdbcVersionedStore.key(Objects.requireNonNull(hostName)));
        return hubs(database.query("read a built-in hub", sql.get("find"), params, JdbcBuiltInHubStore::row))
                .stream().findFirst();
    }

    /**
     * @throws StoreException when two policies share a key name (in any case): nothing is stored then
     */
    @Override
    public BuiltInHub createIfAbsent(BuiltInHub hub) {
        String hostKey = JdbcVersionedStore.key(hub.hostName());
        Params hubParams = new Params().text("host_name_key", hostKey).text("host_name", hub.hostName())
                .instant("created_at", hub.created());
        database.inTransaction("create a built-in hub", transaction -> {
            // The hub row first: it is the write that decides who wins, and a loser writes nothing more.
            if (transaction.update(sql.get("insert_hub"), hubParams) == 1) {
                for (int i = 0; i < hub.policies().size(); i++) {
                    transaction.update(sql.get("insert_policy"), policyParams(hostKey, i, hub.policies().get(i)));
                }
            }
            return null;
        });
        return find(hub.hostName()).orElseThrow(() -> new StoreException("A built-in hub vanished right after it "
                + "was created; is another process deleting it?"));
    }

    private static Params policyParams(String hostKey, int index, HubPolicy policy) {
        return new Params().text("hub_host_name_key", hostKey)
                .text("key_name_key", JdbcVersionedStore.key(policy.keyName()))
                .integer("list_index", index)
                .text("key_name", policy.keyName())
                .text("primary_key", policy.primaryKey())
                .text("secondary_key", policy.secondaryKey())
                .text("rights", policy.rights().stream().sorted().map(HubRight::wireName)
                        .collect(Collectors.joining(",")));
    }

    /** The hubs of rows ordered by hub, then policy. */
    private static List<BuiltInHub> hubs(List<HubRow> rows) {
        Map<String, List<HubRow>> byHost = new LinkedHashMap<>();
        for (HubRow row : rows) {
            byHost.computeIfAbsent(row.hostName(), host -> new ArrayList<>()).add(row);
        }
        List<BuiltInHub> hubs = new ArrayList<>();
        for (List<HubRow> hubRows : byHost.values()) {
            List<HubPolicy> policies = hubRows.stream().map(HubRow::policy).filter(Objects::nonNull).toList();
            HubRow first = hubRows.get(0);
            hubs.add(new BuiltInHub(first.hostName(), first.created(), policies));
        }
        return hubs;
    }

    private static HubRow row(ResultSet row) throws SQLException {
        String keyName = row.getString("key_name");
        HubPolicy policy = keyName == null ? null : new HubPolicy(keyName, row.getString("primary_key"),
                row.getString("secondary_key"), rights(row.getString("rights")));
        return new HubRow(row.getString("host_name"), Columns.instant(row, "created_at"), policy);
    }

    private static Set<HubRight> rights(String rights) {
        Set<HubRight> granted = EnumSet.noneOf(HubRight.class);
        for (String name : rights == null || rights.isEmpty() ? new String[0] : rights.split(",")) {
            granted.add(HubRight.fromWireName(name).orElseThrow(() -> new StoreException(
                    "Column hub_policy.rights holds '" + name + "', which this version of OpenDPS does not know.")));
        }
        return granted;
    }
}
