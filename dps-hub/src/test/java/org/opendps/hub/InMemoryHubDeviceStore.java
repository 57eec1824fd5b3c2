package org.opendps.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opendps.hub.registry.HubDevice;
import org.opendps.hub.registry.HubDeviceStore;

/** A {@link HubDeviceStore} over maps, for the domain tests; the JDBC store is held to the contract elsewhere. */
public final class InMemoryHubDeviceStore implements HubDeviceStore {
    private final Map<String, TreeMap<String, HubDevice>> hubs = new HashMap<>();

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
        if (current == null || (expectedVersion >= 0 && current.revision().version() != expectedVersion)) {
            return false;
        }
        hub(hubHostName).remove(deviceId);
        return true;
    }

    @Override
    public synchronized List<HubDevice> list(String hubHostName, String afterDeviceId, int limit) {
        TreeMap<String, HubDevice> devices = hub(hubHostName);
        Map<String, HubDevice> tail = afterDeviceId == null ? devices : devices.tailMap(afterDeviceId, false);
        return new ArrayList<>(tail.values()).subList(0, Math.min(limit, tail.size()));
    }

    /** The host names the store was called with, to check that callers pass them lower-cased. */
    public synchronized List<String> hubs() {
        return new ArrayList<>(hubs.keySet());
    }

    private TreeMap<String, HubDevice> hub(String hubHostName) {
        return hubs.computeIfAbsent(hubHostName, h -> new TreeMap<>());
    }
}
