package org.opendps.hub.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.hub.Etags;
import org.opendps.hub.HubHosts;
import org.opendps.hub.registry.HubDevice;
import org.opendps.hub.registry.HubDeviceStore;
import org.opendps.hub.registry.HubRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the twins of built-in hubs' devices, for the service API (tags and desired properties, under
 * If-Match), the device API (reported properties) and the embedded gateway. Writes are optimistic: read, apply,
 * store under the row version, and on a conflict start again from what is stored, a bounded number of times.
 * JSON goes in and comes out as text, so that endpoints need nothing of the JSON library this module uses.
 *
 * <p>A device whose twin is missing (a crash between creating the identity and its twin) has an empty one, which
 * the next write stores.
 */
public final class TwinService {
    /** Attempts at a write racing other writers of the same twin; beyond this the client is told to try again. */
    static final int MAX_ATTEMPTS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(TwinService.class);

    private final HubDeviceStore devices;
    private final TwinStore twins;
    private final Clock clock;
    private final List<DesiredPropertiesListener> listeners = new CopyOnWriteArrayList<>();

    public TwinService(HubDeviceStore devices, TwinStore twins, Clock clock) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.twins = Objects.requireNonNull(twins, "twins");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Registers a listener for committed desired property changes (the device endpoint, once it is up). */
    public void addListener(DesiredPropertiesListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** {@code GET /twins/{id}}: the twin with the device's identity fields, metadata and versions. */
    public String get(String hubHostName, String deviceId) {
        String hub = HubHosts.key(hubHostName);
        HubDevice device = device(hub, deviceId);
        return TwinJson.write(TwinRenderings.service(device, current(hub, deviceId).twin()));
    }

    /** PATCH (the Java client's POST with {@code X-HTTP-Method-Override: PATCH}); returns the twin as stored. */
    public String patch(String hubHostName, String deviceId, String patchJson, String ifMatch) {
        ObjectNode body = TwinJson.parseObject(patchJson, "twin patch");
        return write(hubHostName, deviceId, ifMatch, (twin, now) -> TwinDocuments.patchService(twin, body, now));
    }

    /** {@code PUT /twins/{id}}: tags and desired properties replaced whole; returns the twin as stored. */
    public String replace(String hubHostName, String deviceId, String twinJson, String ifMatch) {
        ObjectNode body = TwinJson.parseObject(twinJson, "twin");
        return write(hubHostName, deviceId, ifMatch, (twin, now) -> TwinDocuments.replaceService(twin, body, now));
    }

    /** The device's reported properties patch; returns their new {@code $version}. */
    public long patchReported(String hubHostName, String deviceId, String patchJson) {
        return patchReported(hubHostName, deviceId, patchJson, null);
    }

    /**
     * As {@link #patchReported(String, String, String)}, applied only while the reported properties are at
     * {@code expectedVersion} (412 otherwise): the {@code &$version=} the Java device client appends to the topic.
     */
    public long patchReported(String hubHostName, String deviceId, String patchJson, Long expectedVersion) {
        ObjectNode patch = TwinJson.parseObject(patchJson, "reported properties patch");
        String hub = HubHosts.key(hubHostName);
        device(hub, deviceId);
        StoredTwin stored = commit(hub, deviceId, null, (twin, now) -> {
            if (expectedVersion != null && expectedVersion != twin.reportedVersion()) {
                throw new DpsException(DpsError.PRECONDITION_FAILED, "The reported properties are at version "
                        + twin.reportedVersion() + ", not " + expectedVersion + "; read the twin again.");
            }
            return TwinDocuments.patchReported(twin, patch, now);
        });
        return stored.reportedVersion();
    }

    /** {@code $iothub/twin/GET}: desired and reported properties with their versions, no tags, no metadata. */
    public String getForDevice(String hubHostName, String deviceId) {
        String hub = HubHosts.key(hubHostName);
        device(hub, deviceId);
        return TwinJson.write(TwinRenderings.device(current(hub, deviceId).twin()));
    }

    /**
     * Tags and desired properties replaced whole, and reported ones too when {@code twinJson} has
     * {@code properties.reported}: how the embedded gateway sets an initial twin or migrates one, which the service
     * API cannot do for reported properties.
     */
    public void replaceWithReported(String hubHostName, String deviceId, String twinJson) {
        ObjectNode twin = TwinJson.parseObject(twinJson, "twin");
        write(hubHostName, deviceId, null, (current, now) -> TwinDocuments.replaceWithReported(current, twin, now));
    }

    /**
     * {@code {"tags":{..},"properties":{"desired":{..},"reported":{..}}}} without metadata or versions; empty when
     * the device does not exist.
     */
    public Optional<String> readContent(String hubHostName, String deviceId) {
        String hub = HubHosts.key(hubHostName);
        if (devices.find(hub, deviceId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(TwinJson.write(TwinRenderings.content(current(hub, deviceId).twin())));
    }

    private String write(String hubHostName, String deviceId, String ifMatch,
            BiFunction<StoredTwin, Instant, TwinChange> operation) {
        String hub = HubHosts.key(hubHostName);
        HubDevice device = device(hub, deviceId);
        return TwinJson.write(TwinRenderings.service(device, commit(hub, deviceId, Etags.condition(ifMatch),
                operation)));
    }

    /** Applies the operation to the current twin until it is stored, or changes nothing; returns the twin. */
    private StoredTwin commit(String hub, String deviceId, String condition,
            BiFunction<StoredTwin, Instant, TwinChange> operation) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Current current = current(hub, deviceId);
            if (condition != null && !(current.stored() ? Etags.satisfied(condition, current.twin().revision())
                    : condition.equals(Etags.ANY))) {
                throw new DpsException(DpsError.PRECONDITION_FAILED, "The etag " + condition
                        + " does not match the current etag of the twin of device '" + deviceId + "'.");
            }
            TwinChange change = operation.apply(current.twin(), clock.instant());
            if (!change.changed()) {
                return current.twin();
            }
            boolean written = current.stored()
                    ? twins.replace(hub, change.twin(), current.twin().revision().version())
                    : twins.insert(hub, change.twin());
            if (written) {
                notifyListeners(hub, deviceId, change);
                return change.twin();
            }
            LOG.debug("Twin of {} in {} changed meanwhile; attempt {} of {}", deviceId, hub, attempt, MAX_ATTEMPTS);
        }
        throw new DpsException(DpsError.SERVICE_UNAVAILABLE, "The twin of device '" + deviceId
                + "' is being changed by other requests at the same time; try again.");
    }

    private void notifyListeners(String hub, String deviceId, TwinChange change) {
        if (change.desiredNotification() == null) {
            return;
        }
        String body = TwinJson.write(change.desiredNotification());
        long version = change.twin().desiredVersion();
        for (DesiredPropertiesListener listener : listeners) {
            try {
                listener.desiredChanged(hub, deviceId, body, version);
            } catch (RuntimeException e) { // the change is stored; a device that missed it reads the twin again
                LOG.warn("A desired properties listener failed for device {} in {}", deviceId, hub, e);
            }
        }
    }

    private HubDevice device(String hub, String deviceId) {
        return devices.find(hub, Objects.requireNonNull(deviceId, "deviceId"))
                .orElseThrow(() -> HubRegistry.notFound(deviceId));
    }

    private Current current(String hub, String deviceId) {
        Optional<StoredTwin> stored = twins.find(hub, deviceId);
        return stored.map(twin -> new Current(twin, true))
                .orElseGet(() -> new Current(TwinDocuments.empty(deviceId, clock.instant()), false));
    }

    /** The twin to work on, and whether it is in the store (or an empty one for a device that lacks it). */
    private record Current(StoredTwin twin, boolean stored) {}
}
