package org.opendps.server.http.device;

import org.opendps.core.provisioning.DeviceCredential;
import org.opendps.server.http.ApiResponse;

/**
 * The DPS device API as any transport calls it: register and poll, answered with the HTTPS API's statuses,
 * headers (Retry-After) and bodies. Refusals are thrown as {@code DpsException}s, for the transport to map.
 */
public interface DeviceApi {

    /** {@code body} is the device's DeviceRegistration JSON; empty means {@code {}}. */
    ApiResponse register(String idScope, String registrationId, byte[] body, DeviceCredential credential,
            boolean force);

    ApiResponse operation(String idScope, String registrationId, String operationId, DeviceCredential credential);
}
