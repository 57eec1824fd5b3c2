package org.opendps.core.provisioning;

import java.util.Objects;
import org.opendps.core.enrollment.JsonText;

/**
 * A device's request to be registered, as any transport delivers it.
 *
 * @param registrationId from the request path (HTTPS) or topic/user name (MQTT)
 * @param bodyRegistrationId the registration ID inside the body, which must match when present; may be null
 * @param payload the device's payload as a JSON value; may be null
 * @param forceRegistration the device asks to be re-assigned even if nothing changed (Node's option)
 */
public record RegistrationRequest(
        String idScope,
        String registrationId,
        String bodyRegistrationId,
        DeviceCredential credential,
        JsonText payload,
        boolean forceRegistration) {

    public RegistrationRequest {
        Objects.requireNonNull(idScope, "idScope");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(credential, "credential");
    }
}
