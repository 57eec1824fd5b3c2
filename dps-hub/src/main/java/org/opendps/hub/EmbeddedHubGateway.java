package org.opendps.hub;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHub;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.BuiltInHubStore;
import org.opendps.hub.registry.DeviceDraft;
import org.opendps.hub.registry.HubDevice;
import org.opendps.hub.registry.HubRegistry;
import org.opendps.hub.twin.TwinService;

/**
 * The {@link HubGateway} of this instance's built-in hubs: the registry and twins called in-process, with the
 * semantics of the REST gateway against a hub, plus one it cannot have: {@link #replaceTwin} also writes reported
 * properties, so that migration between built-in hubs carries them.
 *
 * <p>Failures: a hub that is not built in, and every refusal of the hub (invalid identity or twin, missing device)
 * are {@link HubException}s that retrying will not cure; contention (503) and throttling (429) may pass.
 */
public final class EmbeddedHubGateway implements HubGateway {
    private final BuiltInHubStore hubs;
    private final HubRegistry registry;
    private final TwinService twins;
    /**
     * The built-in hubs' host names by {@link HubHosts#key}, as found so far. A built-in hub is never deleted, so a
     * name found stays true; one not found (yet: another node may create it) is looked up again each time.
     */
    private final ConcurrentMap<String, String> builtInHosts = new ConcurrentHashMap<>();

    public EmbeddedHubGateway(BuiltInHubStore hubs, HubRegistry registry, TwinService twins) {
        this.hubs = Objects.requireNonNull(hubs, "hubs");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.twins = Objects.requireNonNull(twins, "twins");
    }

    /** Creates the device or replaces its identity ({@code If-Match: *}); a replaced device keeps its twin. */
    @Override
    public void putDevice(LinkedHub hub, DeviceIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        String host = builtIn(hub);
        DeviceDraft draft = new DeviceDraft(identity.deviceId(), identity.enabled() ? "enabled" : "disabled", null,
                identity.authentication(), identity.iotEdge());
        call(hub, "PUT device", identity.deviceId(), () -> registry.put(host, draft, Etags.ANY));
    }

    @Override
    public Optional<DeviceIdentity> getDevice(LinkedHub hub, String deviceId) {
        String host = builtIn(hub);
        return call(hub, "GET device", deviceId, () -> registry.find(host, deviceId))
                .map(EmbeddedHubGateway::identity);
    }

    @Override
    public boolean deleteDevice(LinkedHub hub, String deviceId) {
        String host = builtIn(hub);
        return call(hub, "DELETE device", deviceId, () -> {
            try {
                registry.delete(host, deviceId, Etags.ANY);
                return true;
            } catch (DpsException e) {
                if (e.error() == DpsError.DEVICE_NOT_FOUND) {
                    return false;
                }
                throw e;
            }
        });
    }

    /**
     * Tags and desired properties replaced whole; reported properties too when the twin carries
     * {@code properties.reported} (read from another hub), kept otherwise (an initial twin has none).
     */
    @Override
    public void replaceTwin(LinkedHub hub, String deviceId, DeviceTwin twin) {
        Objects.requireNonNull(twin, "twin");
        String host = builtIn(hub);
        call(hub, "PUT twin", deviceId, () -> {
            twins.replaceWithReported(host, deviceId, twin.json().json());
            return null;
        });
    }

    /** Tags, desired and reported properties, without {@code $metadata} and {@code $version}. */
    @Override
    public Optional<DeviceTwin> readTwin(LinkedHub hub, String deviceId) {
        String host = builtIn(hub);
        return call(hub, "GET twin", deviceId, () -> twins.readContent(host, deviceId))
                .map(json -> new DeviceTwin(new JsonText(json)));
    }

    private String builtIn(LinkedHub hub) {
        Objects.requireNonNull(hub, "hub");
        String key = HubHosts.key(hub.hostName());
        String known = builtInHosts.get(key);
        if (known != null) {
            return known;
        }
        String host = hubs.find(key).map(BuiltInHub::hostName).orElseThrow(() ->
                new HubException("IoT hub " + hub.hostName() + " is not a built-in hub of this OpenDPS, so it "
                        + "cannot be reached in-process.", false, null));
        builtInHosts.put(key, host);
        return host;
    }

    /** The hub's refusals as HubExceptions, which say which hub, call and device, and why (never a key). */
    private static <T> T call(LinkedHub hub, String what, String deviceId, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (DpsException e) {
            int status = e.error().httpStatus();
            boolean retryable = status == 429 || status >= 500;
            throw new HubException("Built-in IoT hub " + hub.hostName() + " answered " + status + " "
                    + e.error().pascalName() + " to " + what + " of '" + deviceId + "': " + e.getMessage(),
                    retryable, e);
        }
    }

    private static DeviceIdentity identity(HubDevice device) {
        return new DeviceIdentity(device.deviceId(), device.authentication(), device.iotEdge(), device.enabled());
    }
}
