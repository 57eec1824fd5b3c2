package org.opendps.hub.registry;

import java.util.Objects;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.hub.DeviceAuthentication;

/**
 * A device identity in a built-in hub. Device IDs are case-sensitive, as in Azure. Thumbprints are stored
 * upper-case; SAS keys as the base64 they were given or generated in.
 *
 * @param generationId made by the hub when the device is created; a device deleted and created again differs
 * @param revision null before the device is stored; its version is the etag
 */
public record HubDevice(
        String deviceId,
        DeviceAuthentication authentication,
        boolean enabled,
        String statusReason,
        boolean iotEdge,
        String generationId,
        Revision revision) {

    public HubDevice {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(authentication, "authentication");
    }

    public HubDevice withRevision(Revision newRevision) {
        return new HubDevice(deviceId, authentication, enabled, statusReason, iotEdge, generationId, newRevision);
    }

    /**
     * Whether a client certificate of this thumbprint (hex, SHA-1 or SHA-256, any case) may authenticate as the
     * device: clients and tools print thumbprints in either case, so the comparison ignores it.
     */
    public boolean acceptsThumbprint(String thumbprintHex) {
        if (thumbprintHex == null || !(authentication instanceof DeviceAuthentication.X509Thumbprint x509)) {
            return false;
        }
        return thumbprintHex.equalsIgnoreCase(x509.primaryThumbprint())
                || thumbprintHex.equalsIgnoreCase(x509.secondaryThumbprint());
    }
}
