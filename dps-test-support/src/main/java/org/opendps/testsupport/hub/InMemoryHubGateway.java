package org.opendps.testsupport.hub;

import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHub;

/**
 * A {@link HubGateway} over maps, for tests of the code that uses one. Its semantics are those of the REST
 * gateway against a hub: put replaces the identity and keeps the twin (a new device starts with an empty one),
 * delete says whether there was a device, twin calls on a missing device find nothing (read) or fail, not
 * retryable (replace). Hubs are told apart by case-insensitive host name, devices by case-sensitive ID. Unlike a
 * real hub, a replaced twin is kept exactly as given, reported properties included. Thread-safe.
 */
public final class InMemoryHubGateway implements HubGateway {

    private record Device(DeviceIdentity identity, DeviceTwin twin) {}

    private record Failure(int remaining, boolean retryable) {}

    private final Map<String, Map<String, Device>> hubs = new HashMap<>();
    private final Map<String, Failure> failures = new HashMap<>();
    private final Map<String, Integer> calls = new HashMap<>();

    @Override
    public synchronized void putDevice(LinkedHub hub, DeviceIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        Map<String, Device> devices = enter(hub);
        Device current = devices.get(identity.deviceId());
        devices.put(identity.deviceId(), new Device(identity, current == null ? DeviceTwin.EMPTY : current.twin()));
    }

    @Override
    public synchronized Optional<DeviceIdentity> getDevice(LinkedHub hub, String deviceId) {
        return Optional.ofNullable(enter(hub).get(deviceId)).map(Device::identity);
    }

    @Override
    public synchronized boolean deleteDevice(LinkedHub hub, String deviceId) {
        return enter(hub).remove(deviceId) != null;
    }

    @Override
    public synchronized void replaceTwin(LinkedHub hub, String deviceId, DeviceTwin twin) {
        Objects.requireNonNull(twin, "twin");
        Map<String, Device> devices = enter(hub);
        Device current = devices.get(deviceId);
        if (current == null) { // as the REST gateway reports a hub's 404
            throw new HubException("IoT hub " + hub.hostName() + " answered 404 DeviceNotFound to PUT /twins/"
                    + deviceId + ".", false, null);
        }
        devices.put(deviceId, new Device(current.identity(), twin));
    }

    @Override
    public synchronized Optional<DeviceTwin> readTwin(LinkedHub hub, String deviceId) {
        return Optional.ofNullable(enter(hub).get(deviceId)).map(Device::twin);
    }

    /** Every later call to the hub throws a HubException, until {@link #recover}. */
    public synchronized void fail(String hostName, boolean retryable) {
        failNext(hostName, Integer.MAX_VALUE, retryable);
    }

    /** The next {@code count} calls to the hub throw a HubException; later ones work again. */
    public synchronized void failNext(String hostName, int count, boolean retryable) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        failures.put(key(hostName), new Failure(count, retryable));
    }

    public synchronized void recover(String hostName) {
        failures.remove(key(hostName));
    }

    /** The IDs of the hub's devices, sorted; empty for a hub never called. */
    public synchronized SortedSet<String> devices(String hostName) {
        return Collections.unmodifiableSortedSet(new TreeSet<>(hub(hostName).keySet()));
    }

    public synchronized Optional<DeviceIdentity> identity(String hostName, String deviceId) {
        return Optional.ofNullable(hub(hostName).get(deviceId)).map(Device::identity);
    }

    public synchronized Optional<DeviceTwin> twin(String hostName, String deviceId) {
        return Optional.ofNullable(hub(hostName).get(deviceId)).map(Device::twin);
    }

    /** Calls made to the hub, failed ones included. */
    public synchronized int calls(String hostName) {
        return calls.getOrDefault(key(hostName), 0);
    }

    /** Calls made to every hub, failed ones included. */
    public synchronized int calls() {
        return calls.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Counts the call, throws when the hub is set to fail, and returns the hub's devices. */
    private Map<String, Device> enter(LinkedHub hub) {
        String key = key(hub.hostName());
        calls.merge(key, 1, Integer::sum);
        Failure failure = failures.get(key);
        if (failure != null) {
            if (failure.remaining() == 1) {
                failures.remove(key);
            } else if (failure.remaining() != Integer.MAX_VALUE) {
                failures.put(key, new Failure(failure.remaining() - 1, failure.retryable()));
            }
            throw new HubException("IoT hub " + hub.hostName() + " is set to fail by the test.",
                    failure.retryable(), null);
        }
        return hubs.computeIfAbsent(key, k -> new HashMap<>());
    }

    private Map<String, Device> hub(String hostName) {
        return hubs.getOrDefault(key(hostName), Map.of());
    }

    private static String key(String hostName) {
        return Objects.requireNonNull(hostName, "hostName").toLowerCase(Locale.ROOT);
    }
}
