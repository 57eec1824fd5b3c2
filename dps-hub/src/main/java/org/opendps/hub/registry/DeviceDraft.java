package org.opendps.hub.registry;

import org.opendps.core.hub.DeviceAuthentication;

/**
 * A device identity as a client asked for it, before validation: the body of {@code PUT /devices/{id}}.
 *
 * @param status {@code enabled} or {@code disabled} in any case (the Java service client writes {@code Enabled});
 *     null for enabled
 * @param authentication null for SAS with keys the hub generates; SAS keys left null or empty are generated on
 *     create and kept on replace
 */
public record DeviceDraft(
        String deviceId,
        String status,
        String statusReason,
        DeviceAuthentication authentication,
        boolean iotEdge) {

    /** An enabled SAS device whose keys the hub generates. */
    public static DeviceDraft withGeneratedKeys(String deviceId) {
        return new DeviceDraft(deviceId, null, null, null, false);
    }
}
