package org.opendps.hub.registry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.query.Page;
import org.opendps.hub.Etags;
import org.opendps.hub.HubHosts;
import org.opendps.hub.twin.StoredTwin;
import org.opendps.hub.twin.TwinDocuments;
import org.opendps.hub.twin.TwinStore;

/**
 * The device identities of the built-in hubs, with IoT Hub's write rules: a PUT without If-Match creates (409
 * DeviceAlreadyExists when the ID is taken), {@code If-Match: *} creates or replaces, an etag replaces only the
 * version it names (412 otherwise); DELETE honours If-Match likewise. A device's twin lives and dies with it.
 */
public final class HubRegistry {
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    /** Conflicting writers are retried this often under {@code If-Match: *}; more means heavy contention. */
    static final int MAX_ATTEMPTS = 5;

    private final HubDeviceStore devices;
    private final TwinStore twins;
    private final Clock clock;

    public HubRegistry(HubDeviceStore devices, TwinStore twins, Clock clock) {
        this.devices = Objects.requireNonNull(devices, "devices");
        this.twins = Objects.requireNonNull(twins, "twins");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Creates or replaces the device as {@code ifMatch} allows; a replaced device keeps its generation ID and twin. */
    public HubDevice put(String hubHostName, DeviceDraft draft, String ifMatch) {
        Objects.requireNonNull(draft, "draft");
        String hub = HubHosts.key(hubHostName);
        String deviceId = DeviceRules.deviceId(draft.deviceId());
        boolean enabled = DeviceRules.enabled(draft.status());
        String statusReason = DeviceRules.statusReason(draft.statusReason());
        String condition = Etags.condition(ifMatch);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            HubDevice current = devices.find(hub, deviceId).orElse(null);
            if (current == null && condition != null && !condition.equals(Etags.ANY)) {
                throw new DpsException(DpsError.PRECONDITION_FAILED,
                        "Device '" + deviceId + "' does not exist, so it cannot match If-Match.");
            }
            if (current != null && condition == null) {
                throw alreadyExists(deviceId);
            }
            if (current != null && !Etags.satisfied(condition, current.revision())) {
                throw new DpsException(DpsError.PRECONDITION_FAILED,
                        "The etag " + condition + " does not match the current etag of device '" + deviceId + "'.");
            }
            Instant now = clock.instant();
            HubDevice device = new HubDevice(deviceId, DeviceRules.authentication(draft.authentication(), current),
                    enabled, statusReason, draft.iotEdge(),
                    current == null ? DeviceRules.newGenerationId() : current.generationId(),
                    current == null ? Revision.first(now) : current.revision().next(now));
            if (current == null && devices.insert(hub, device)) {
                resetTwin(hub, deviceId, now);
                return device;
            }
            if (current == null && condition == null) {
                throw alreadyExists(deviceId); // created meanwhile by another request
            }
            if (current != null && devices.replace(hub, device, current.revision().version())) {
                return device;
            }
            // Changed, created or deleted meanwhile: the next attempt judges the condition against what is there now.
        }
        throw busy(deviceId);
    }

    public Optional<HubDevice> find(String hubHostName, String deviceId) {
        return devices.find(HubHosts.key(hubHostName), Objects.requireNonNull(deviceId, "deviceId"));
    }

    public HubDevice get(String hubHostName, String deviceId) {
        return find(hubHostName, deviceId).orElseThrow(() -> notFound(deviceId));
    }

    /** Deletes the device and its twin; no If-Match means any version, as {@code *} does. */
    public void delete(String hubHostName, String deviceId, String ifMatch) {
        String hub = HubHosts.key(hubHostName);
        String condition = Etags.condition(ifMatch);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            HubDevice current = get(hub, deviceId);
            if (!Etags.satisfied(condition, current.revision())) {
                throw new DpsException(DpsError.PRECONDITION_FAILED,
                        "The etag " + condition + " does not match the current etag of device '" + deviceId + "'.");
            }
            if (devices.delete(hub, deviceId, current.revision().version())) {
                twins.delete(hub, deviceId);
                return;
            }
        }
        throw busy(deviceId);
    }

    /** One page of the hub's devices in device ID order; the continuation token is opaque to clients. */
    public Page<HubDevice> list(String hubHostName, Integer pageSize, String continuation) {
        int size = pageSize == null || pageSize <= 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        String after = continuation == null || continuation.isBlank() ? null : decode(continuation);
        List<HubDevice> found = new ArrayList<>(devices.list(HubHosts.key(hubHostName), after, size + 1));
        if (found.size() <= size) {
            return new Page<>(found, null);
        }
        List<HubDevice> page = found.subList(0, size);
        return new Page<>(page, encode(page.get(size - 1).deviceId()));
    }

    public static DpsException notFound(String deviceId) {
        return new DpsException(DpsError.DEVICE_NOT_FOUND, "Device '" + quotable(deviceId) + "' was not found.");
    }

    /**
     * A new device starts with an empty twin. One left over from an earlier device of that ID (a crash between
     * deleting the device and its twin) belongs to that device, not to this one, so it is replaced.
     */
    private void resetTwin(String hub, String deviceId, Instant now) {
        StoredTwin empty = TwinDocuments.empty(deviceId, now);
        if (!twins.insert(hub, empty)) {
            twins.delete(hub, deviceId);
            twins.insert(hub, empty);
        }
    }

    private static DpsException alreadyExists(String deviceId) {
        return new DpsException(DpsError.DEVICE_ALREADY_EXISTS, "Device '" + deviceId
                + "' already exists; send If-Match with its etag (or *) to replace it.");
    }

    private static DpsException busy(String deviceId) {
        return new DpsException(DpsError.SERVICE_UNAVAILABLE,
                "Device '" + deviceId + "' is being changed by other requests at the same time; try again.");
    }

    /** IDs come from paths and may hold anything before they are checked: only a valid one is quoted back. */
    private static String quotable(String deviceId) {
        try {
            return DeviceRules.deviceId(deviceId);
        } catch (DpsException e) {
            return "(invalid ID)";
        }
    }

    private static String encode(String lastDeviceId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastDeviceId.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new DpsException(DpsError.INVALID_QUERY, "The continuation token is not valid.");
        }
    }
}
