package org.opendps.core.registration;

import java.util.Objects;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.enrollment.Versioned;

/**
 * What the service remembers of a device's latest registration.
 *
 * @param enrollmentGroupId the group the device registered through; null for an individual enrollment
 * @param errorCode null unless the registration failed
 * @param x509 the certificates of an X.509 device; null for other devices
 */
public record DeviceRegistrationState(
        String registrationId,
        String enrollmentGroupId,
        String assignedHub,
        String deviceId,
        RegistrationStatus status,
        RegistrationSubstatus substatus,
        Integer errorCode,
        String errorMessage,
        JsonText payload,
        Revision revision,
        X509Registration x509) implements Versioned<DeviceRegistrationState> {

    public DeviceRegistrationState {
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(status, "status");
    }

    /** A state of a device that did not register with a certificate. */
    public DeviceRegistrationState(String registrationId, String enrollmentGroupId, String assignedHub,
            String deviceId, RegistrationStatus status, RegistrationSubstatus substatus, Integer errorCode,
            String errorMessage, JsonText payload, Revision revision) {
        this(registrationId, enrollmentGroupId, assignedHub, deviceId, status, substatus, errorCode, errorMessage,
                payload, revision, null);
    }

    @Override
    public String id() {
        return registrationId;
    }

    @Override
    public DeviceRegistrationState withRevision(Revision newRevision) {
        return new DeviceRegistrationState(registrationId, enrollmentGroupId, assignedHub, deviceId, status,
                substatus, errorCode, errorMessage, payload, newRevision, x509);
    }
}
