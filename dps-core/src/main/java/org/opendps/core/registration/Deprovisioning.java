package org.opendps.core.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.hub.LinkedHubStore;
import org.opendps.core.query.Filter;
import org.opendps.core.query.FilterField;

/**
 * Deprovisioning (an OpenDPS extension): disables or deletes a registered device's identity in the hub it was
 * assigned to, the step Azure leaves to the user after disabling or deleting an enrollment. Deleting also forgets
 * the registration state, so that the device starts afresh if it registers again.
 */
public final class Deprovisioning {
    /** States read per store query when deprovisioning a group; bounds memory, not the group's size. */
    static final int GROUP_PAGE_SIZE = 100;

    /** What happens to the device in its hub. */
    public enum Action {
        /** The identity stays, disabled, so that the device cannot connect but keeps its twin. */
        DISABLE("disable"),
        /** The identity and twin are deleted, and so is the registration state. */
        DELETE("delete");

        private final String wireName;

        Action(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        /** The action of that name (case-insensitively); empty for any other text, null included. */
        public static Optional<Action> fromWireName(String name) {
            for (Action action : values()) {
                if (action.wireName.equalsIgnoreCase(name)) {
                    return Optional.of(action);
                }
            }
            return Optional.empty();
        }
    }

    /** What was done to one device. */
    public record Result(String registrationId, String assignedHub, String deviceId, Action action) {}

    private final RegistrationStateStore states;
    private final LinkedHubStore hubs;
    private final HubGateway gateway;

    public Deprovisioning(RegistrationStateStore states, LinkedHubStore hubs, HubGateway gateway) {
        this.states = Objects.requireNonNull(states, "states");
        this.hubs = Objects.requireNonNull(hubs, "hubs");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    /**
     * @throws DpsException 404 when there is no such registration, 409 when it is not assigned or its hub is no
     *     longer linked, 500 when the hub call fails
     */
    public Result deprovision(String registrationId, Action action) {
        Objects.requireNonNull(action, "action");
        DeviceRegistrationState state = states.find(registrationId).orElseThrow(() -> new DpsException(
                DpsError.REGISTRATION_NOT_FOUND, "Registration '" + registrationId + "' was not found."));
        return apply(state, action);
    }

    /**
     * Deprovisions the device of an individual enrollment that is about to be deleted or disabled: unlike
     * {@link #deprovision}, a device that never registered (or is on no linked hub) is not an error, since the
     * enrollment change goes ahead either way.
     */
    public Optional<Result> deprovisionIfAssigned(String registrationId, Action action) {
        Objects.requireNonNull(action, "action");
        Optional<DeviceRegistrationState> state = states.find(registrationId);
        if (state.isEmpty() || !isAssigned(state.get()) || hubs.find(state.get().assignedHub()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(apply(state.get(), action));
    }

    /**
     * Deprovisions every assigned device of an enrollment group; states that are not assigned, or whose hub is
     * no longer linked, are skipped because there is nothing in a hub to act on.
     *
     * @return what was done, in registration ID order; empty when the group has no assigned device
     * @throws DpsException 500 at the first hub call that fails; the devices before it stay deprovisioned
     */
    public List<Result> deprovisionGroup(String enrollmentGroupId, Action action) {
        Objects.requireNonNull(action, "action");
        Filter filter = Filter.where(FilterField.ENROLLMENT_GROUP_ID, enrollmentGroupId);
        List<Result> done = new ArrayList<>();
        String after = null;
        while (true) {
            List<DeviceRegistrationState> page = states.query(filter, after, GROUP_PAGE_SIZE);
            for (DeviceRegistrationState state : page) {
                if (isAssigned(state) && hubs.find(state.assignedHub()).isPresent()) {
                    done.add(apply(state, action));
                }
            }
            if (page.size() < GROUP_PAGE_SIZE) {
                return done;
            }
            // Deleted states no longer appear, but the cursor is the last ID seen, so paging stays correct.
            after = page.get(page.size() - 1).registrationId().toLowerCase(Locale.ROOT);
        }
    }

    private Result apply(DeviceRegistrationState state, Action action) {
        if (!isAssigned(state)) {
            throw new DpsException(DpsError.CONFLICT, "Registration '" + state.registrationId() + "' is "
                    + state.status().wireName() + ", not assigned to a hub, so there is no device to deprovision.");
        }
        LinkedHub hub = hubs.find(state.assignedHub()).orElseThrow(() -> new DpsException(DpsError.CONFLICT,
                "The IoT hub " + state.assignedHub() + " of registration '" + state.registrationId()
                        + "' is no longer linked, so its device cannot be reached."));
        try {
            if (action == Action.DISABLE) {
                disable(hub, state);
            } else {
                gateway.deleteDevice(hub, state.deviceId());
                // Whatever its version now: the device is gone, so a newer state would be stale as well.
                states.delete(state.registrationId(), -1);
            }
        } catch (HubGateway.HubException e) {
            throw new DpsException(DpsError.HUB_OPERATION_FAILED, "The IoT hub " + hub.hostName()
                    + " could not " + action.wireName() + " device '" + state.deviceId() + "'.");
        }
        return new Result(state.registrationId(), hub.hostName(), state.deviceId(), action);
    }

    /** Reads the identity first, so that its authentication and edge flag stay as the hub has them. */
    private void disable(LinkedHub hub, DeviceRegistrationState state) {
        DeviceIdentity identity = gateway.getDevice(hub, state.deviceId()).orElseThrow(() -> new DpsException(
                DpsError.DEVICE_NOT_FOUND, "Device '" + state.deviceId() + "' of registration '"
                        + state.registrationId() + "' is not in the IoT hub " + hub.hostName() + "."));
        if (identity.enabled()) {
            gateway.putDevice(hub, new DeviceIdentity(identity.deviceId(), identity.authentication(),
                    identity.iotEdge(), false));
        }
    }

    private static boolean isAssigned(DeviceRegistrationState state) {
        return state.status() == RegistrationStatus.ASSIGNED && state.assignedHub() != null
                && state.deviceId() != null;
    }
}
