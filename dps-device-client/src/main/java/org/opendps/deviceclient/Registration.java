package org.opendps.deviceclient;

import java.util.Objects;
import org.opendps.core.enrollment.JsonText;

/**
 * One device's registration request.
 *
 * @param payload the custom payload (any JSON value); null for none
 */
public record Registration(String idScope, String registrationId, RegistrationCredential credential,
        JsonText payload) {
    public Registration {
        Objects.requireNonNull(idScope, "idScope");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(credential, "credential");
    }

    /** {@code {idScope}/registrations/{registrationId}}: what SAS tokens are issued for, and the URL path. */
    public String resource() {
        return idScope + "/registrations/" + registrationId;
    }
}
