package org.opendps.core.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.instance.InstanceStore;
import org.opendps.core.instance.ServiceInstance;
import org.opendps.core.security.SharedAccessPolicy;

/** Minimal stores for the linked hub use case; the JDBC stores are held to the full contracts elsewhere. */
final class InMemoryHubStores {
    private InMemoryHubStores() {}

    static final class Hubs implements LinkedHubStore {
        private final Map<String, LinkedHub> hubs = new TreeMap<>();

        @Override
        public List<LinkedHub> list() {
            return new ArrayList<>(hubs.values());
        }

        @Override
        public Optional<LinkedHub> find(String hostName) {
            return Optional.ofNullable(hubs.get(hostName.toLowerCase(Locale.ROOT)));
        }

        @Override
        public void put(LinkedHub hub) {
            hubs.put(hub.hostName().toLowerCase(Locale.ROOT), hub);
        }

        @Override
        public boolean delete(String hostName) {
            return hubs.remove(hostName.toLowerCase(Locale.ROOT)) != null;
        }
    }

    static final class Instance implements InstanceStore {
        private ServiceInstance instance;

        @Override
        public Optional<ServiceInstance> find() {
            return Optional.ofNullable(instance);
        }

        @Override
        public ServiceInstance createIfAbsent(ServiceInstance created) {
            if (instance == null) {
                instance = created;
            }
            return instance;
        }

        @Override
        public void updateAllocationPolicy(AllocationPolicy policy) {
            if (instance == null) {
                throw new IllegalStateException("no instance");
            }
            instance = new ServiceInstance(instance.idScope(), instance.created(), policy);
        }

        @Override
        public List<SharedAccessPolicy> policies() {
            return List.of();
        }

        @Override
        public Optional<SharedAccessPolicy> policy(String keyName) {
            return Optional.empty();
        }

        @Override
        public void putPolicy(SharedAccessPolicy policy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SharedAccessPolicy createPolicyIfAbsent(SharedAccessPolicy policy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean deletePolicy(String keyName) {
            throw new UnsupportedOperationException();
        }
    }
}
