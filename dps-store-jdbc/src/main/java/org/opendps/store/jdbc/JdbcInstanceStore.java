package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.instance.InstanceStore;
import org.opendps.core.instance.ServiceInstance;
import org.opendps.core.security.AccessRight;
import org.opendps.core.security.SharedAccessPolicy;

/** The single {@code service_instance} row (ID scope, allocation policy) and the {@code access_policy} table. */
final class JdbcInstanceStore implements InstanceStore {
    private final Database database;
    private final SqlStatements sql;

    JdbcInstanceStore(Database database) {
        this.database = database;
        this.sql = SqlStatements.load("instance", database.dialect());
    }

    @Override
    public Optional<ServiceInstance> find() {
        return database.query("read the service instance", sql.get("find_instance"), new Params(),
                JdbcInstanceStore::instance).stream().findFirst();
    }

    @Override
    public ServiceInstance createIfAbsent(ServiceInstance instance) {
        Params params = new Params().text("id_scope", instance.idScope()).instant("created_at", instance.created())
                .text("allocation_policy", instance.allocationPolicy().wireName());
        database.update("create the service instance", sql.get("create_instance"), params);
        return find().orElseThrow(() -> new StoreException("The service instance row vanished right after it was "
                + "created; is another process deleting it?"));
    }

    /** @throws IllegalStateException when there is no instance yet: it is created at startup, before any use */
    @Override
    public void updateAllocationPolicy(AllocationPolicy policy) {
        if (Objects.requireNonNull(policy, "policy") == AllocationPolicy.CUSTOM) {
            throw new IllegalArgumentException("the instance allocation policy cannot be custom");
        }
        Params params = new Params().text("allocation_policy", policy.wireName());
        if (database.update("update the allocation policy", sql.get("update_allocation_policy"), params) == 0) {
            throw new IllegalStateException("There is no service instance whose allocation policy could be set.");
        }
    }

    @Override
    public List<SharedAccessPolicy> policies() {
        return database.query("read access policies", sql.get("policies"), new Params(), JdbcInstanceStore::policy);
    }

    @Override
    public Optional<SharedAccessPolicy> policy(String keyName) {
        Params params = new Params().text("key_name_key", JdbcVersionedStore.key(Objects.requireNonNull(keyName)));
        return database.query("read an access policy", sql.get("policy"), params, JdbcInstanceStore::policy)
                .stream().findFirst();
    }

    @Override
    public void putPolicy(SharedAccessPolicy policy) {
        database.update("store an access policy", sql.get("put_policy"), policyParams(policy));
    }

    @Override
    public SharedAccessPolicy createPolicyIfAbsent(SharedAccessPolicy policy) {
        database.update("create an access policy", sql.get("create_policy"), policyParams(policy));
        return policy(policy.keyName()).orElseThrow(() -> new StoreException("The access policy "
                + policy.keyName() + " vanished right after it was created; is another process deleting it?"));
    }

    private static Params policyParams(SharedAccessPolicy policy) {
        return new Params().text("key_name_key", JdbcVersionedStore.key(policy.keyName()))
                .text("key_name", policy.keyName())
                .text("primary_key", policy.primaryKey())
                .text("secondary_key", policy.secondaryKey())
                .text("rights", policy.rights().stream().sorted().map(AccessRight::wireName)
                        .collect(Collectors.joining(",")));
    }

    @Override
    public boolean deletePolicy(String keyName) {
        Params params = new Params().text("key_name_key", JdbcVersionedStore.key(Objects.requireNonNull(keyName)));
        return database.update("delete an access policy", sql.get("delete_policy"), params) > 0;
    }

    private static ServiceInstance instance(ResultSet row) throws SQLException {
        AllocationPolicy policy = Columns.wireEnum(row, "allocation_policy", AllocationPolicy::fromWireName);
        if (policy == AllocationPolicy.CUSTOM) {
            throw new StoreException("Column service_instance.allocation_policy holds 'custom', which only an "
                    + "enrollment may have.");
        }
        return new ServiceInstance(row.getString("id_scope"), Columns.instant(row, "created_at"), policy);
    }

    private static SharedAccessPolicy policy(ResultSet row) throws SQLException {
        String rights = row.getString("rights");
        Set<AccessRight> granted = EnumSet.noneOf(AccessRight.class);
        for (String name : rights == null || rights.isEmpty() ? new String[0] : rights.split(",")) {
            granted.add(AccessRight.fromWireName(name).orElseThrow(() -> new StoreException(
                    "Column access_policy.rights holds '" + name + "', which this version of OpenDPS does not know.")));
        }
        return new SharedAccessPolicy(row.getString("key_name"), row.getString("primary_key"),
                row.getString("secondary_key"), granted);
    }
}
