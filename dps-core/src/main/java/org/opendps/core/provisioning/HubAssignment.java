package org.opendps.core.provisioning;

import java.util.Optional;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.ReprovisionPolicy;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.registration.RegistrationSubstatus;

/**
 * Puts a device on its hub, applying the reprovisioning policy when it was on one before:
 * <ul>
 *   <li>first assignment: create the identity, set the initial twin ({@code initialAssignment});
 *   <li>same hub again: refresh the identity, keep the twin, or reset it when the policy does not migrate
 *       ({@code reprovisionedToInitialAssignment});
 *   <li>another hub: move identity and twin ({@code deviceDataMigrated}) or start from the initial twin
 *       ({@code deviceDataReset}), then remove the device from the old hub.
 * </ul>
 * Every gateway call is idempotent, so a crash between two of them is repaired by the next registration.
 */
final class HubAssignment {
    private final HubGateway gateway;

    HubAssignment(HubGateway gateway) {
        this.gateway = gateway;
    }

    /** Where the device ended up. */
    record Placement(LinkedHub hub, String deviceId, RegistrationSubstatus substatus) {}

    /**
     * @param currentHub the linked hub the device is on now; empty when it is on none, or on one since unlinked
     * @param initialTwin the webhook's twin, else the enrollment's; null for none
     */
    Placement place(AttestedDevice device, DeviceRegistrationState current, Optional<LinkedHub> currentHub,
            LinkedHub target, JsonText initialTwin) {
        DeviceIdentity identity = new DeviceIdentity(device.deviceId(), device.hubAuthentication(),
                device.settings().iotEdge(), true);
        DeviceTwin fresh = DeviceTwin.initial(initialTwin);
        boolean wasAssigned = current != null && current.status() == RegistrationStatus.ASSIGNED
                && current.assignedHub() != null && current.deviceId() != null;
        if (!wasAssigned) {
            gateway.putDevice(target, identity);
            gateway.replaceTwin(target, identity.deviceId(), fresh);
            return new Placement(target, identity.deviceId(), RegistrationSubstatus.INITIAL_ASSIGNMENT);
        }
        ReprovisionPolicy policy = device.settings().reprovisionPolicy();
        boolean keepData = policy.migrateDeviceData() || !policy.updateHubAssignment();
        boolean sameDevice = current.deviceId().equals(identity.deviceId());
        if (target.sameHost(current.assignedHub())) {
            Optional<DeviceTwin> kept = keepData && !sameDevice
                    ? gateway.readTwin(target, current.deviceId()) : Optional.empty();
            gateway.putDevice(target, identity);
            if (!keepData) {
                gateway.replaceTwin(target, identity.deviceId(), fresh);
            } else if (!sameDevice) {
                gateway.replaceTwin(target, identity.deviceId(), kept.orElse(fresh));
            }
            if (!sameDevice) {
                gateway.deleteDevice(target, current.deviceId());
            }
            return new Placement(target, identity.deviceId(), RegistrationSubstatus.REPROVISIONED_TO_INITIAL_ASSIGNMENT);
        }
        Optional<DeviceTwin> migrated = keepData && currentHub.isPresent()
                ? gateway.readTwin(currentHub.get(), current.deviceId()) : Optional.empty();
        gateway.putDevice(target, identity);
        gateway.replaceTwin(target, identity.deviceId(), migrated.orElse(fresh));
        currentHub.ifPresent(old -> gateway.deleteDevice(old, current.deviceId()));
        return new Placement(target, identity.deviceId(), migrated.isPresent()
                ? RegistrationSubstatus.DEVICE_DATA_MIGRATED : RegistrationSubstatus.DEVICE_DATA_RESET);
    }
}
