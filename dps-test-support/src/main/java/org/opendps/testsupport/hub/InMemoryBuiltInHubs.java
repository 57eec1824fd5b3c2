package org.opendps.testsupport.hub;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.BuiltInHubStore;
import org.opendps.hub.registry.HubDevice;
import org.opendps.hub.registry.HubDeviceStore;
import org.opendps.hub.registry.HubRegistry;
import org.opendps.hub.twin.StoredTwin;
import org.opendps.hub.twin.TwinService;
import org.opendps.hub.twin.TwinStore;

/**
 * The built-in hubs' stores over maps, and the registry and twin service on them: for endpoint tests outside the hub
 * module, which need the real hub rules but no database. The JDBC stores are held to the same contracts elsewhere.
 */
public final class InMemoryBuiltInHubs {
    private final Hubs hubs = new Hubs();
    private final Devices devices = new Devices();
    private final Twins twins = new Twins();
    private final HubRegistry registry;
    private final TwinService twinService;

    public InMemoryBuiltInHubs(Clock clock) {
        this.registry = new HubRegistry(devices, twins, clock);
        this.twinService = new TwinService(devices, twins, clock);
    }

    public BuiltInHubStore hubs() {
        return hubs;
    }

    public HubRegistry registry() {
        return registry;
    }

    public TwinService twins() {
        return twinService;
    }

    private static final class Hubs implements BuiltInHubStore {
        private final Map<String, BuiltInHub> byHost = new TreeMap<>();

        @Override
        public synchronized List<BuiltInHub> list() {
            return new ArrayList<>(byHost.values());
        }

        @Override
        public synchronized Optional<BuiltInHub> find(String hostName) {
            return Optional.ofNullable(byHost.get(hostName.toLowerCase(Locale.ROOT)));
        }

        @Override
        public synchronized BuiltInHub createIfAbsent(BuiltInHub hub) {
            return byHost.computeIfAbsent(hub.hostName().toLowerCase(Locale.ROOT), h -> hub);
        }
    }

    private static final class Devices implements HubDeviceStore {
        private final Map<String, TreeMap<String, HubDevice>> byHub = new HashMap<>();

        @Override
        public synchronized Optional<HubDevice> find(String hubHostName, String deviceId) {
            return Optional.ofNullable(hub(hubHostName).get(deviceId));
        }

        @Override
        public synchronized boolean insert(String hubHostName, HubDevice device) {
            return hub(hubHostName).putIfAbsent(device.deviceId(), device) == null;
        }

        @Override
        public synchronized boolean replace(String hubHostName, HubDevice device, long expectedVersion) {
            HubDevice current = hub(hubHostName).get(device.deviceId());
            if (current == null || current.revision().version() != expectedVersion) {
                return false;
            }
            hub(hubHostName).put(device.deviceId(), device);
            return true;
        }

        @Override
        public synchronized boolean delete(String hubHostName, String deviceId, long expectedVersion) {
            HubDevice current = hub(hubHostName).get(deviceId);
            if (current == null || expectedVersion >= 0 && current.revision().version() != expectedVersion) {
                return false;
            }
            hub(hubHostName).remove(deviceId);
            return true;
        }

        @Override
        public synchronized List<HubDevice> list(String hubHostName, String afterDeviceId, int limit) {
            TreeMap<String, HubDevice> all = hub(hubHostName);
            Map<String, HubDevice> tail = afterDeviceId == null ? all : all.tailMap(afterDeviceId, false);
            return tail.values().stream().limit(limit).toList();
        }

        private TreeMap<String, HubDevice> hub(String hubHostName) {
            return byHub.computeIfAbsent(hubHostName, h -> new TreeMap<>());
        }
    }

    private static final class Twins implements TwinStore {
        private final Map<String, StoredTwin> byKey = new HashMap<>();

        @Override
        public synchronized Optional<StoredTwin> find(String hubHostName, String deviceId) {
            return Optional.ofNullable(byKey.get(key(hubHostName, deviceId)));
        }

        @Override
        public synchronized boolean insert(String hubHostName, StoredTwin twin) {
            return byKey.putIfAbsent(key(hubHostName, twin.deviceId()), twin) == null;
        }

        @Override
        public synchronized boolean replace(String hubHostName, StoredTwin twin, long expectedVersion) {
            StoredTwin current = byKey.get(key(hubHostName, twin.deviceId()));
            if (current == null || current.revision().version() != expectedVersion) {
                return false;
            }
            byKey.put(key(hubHostName, twin.deviceId()), twin);
            return true;
        }

        @Override
        public synchronized boolean delete(String hubHostName, String deviceId) {
            return byKey.remove(key(hubHostName, deviceId)) != null;
        }

        private static String key(String hubHostName, String deviceId) {
            return hubHostName + "\n" + deviceId; // no host name or device ID holds a line break
        }
    }
}
