package org.opendps.core.hub;

import java.util.Objects;

/** A device identity as the service creates it in a hub. */
public record DeviceIdentity(String deviceId, DeviceAuthentication authentication, boolean iotEdge, boolean enabled) {
    public DeviceIdentity {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(authentication, "authentication");
    }
}
