package org.opendps.core.enrollment;

import java.util.Objects;

/**
 * One device's enrollment.
 *
 * @param deviceId null means the device is created under its registration ID
 * @param optionalDeviceInformation a twin collection the service keeps and echoes; may be null
 */
public record IndividualEnrollment(
        String registrationId,
        String deviceId,
        Attestation attestation,
        EnrollmentSettings settings,
        JsonText optionalDeviceInformation,
        Revision revision) implements Versioned<IndividualEnrollment> {

    public IndividualEnrollment {
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(attestation, "attestation");
        Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String id() {
        return registrationId;
    }

    @Override
    public IndividualEnrollment withRevision(Revision newRevision) {
        return new IndividualEnrollment(
                registrationId, deviceId, attestation, settings, optionalDeviceInformation, newRevision);
    }

    public IndividualEnrollment withAttestation(Attestation newAttestation) {
        return new IndividualEnrollment(
                registrationId, deviceId, newAttestation, settings, optionalDeviceInformation, revision);
    }
}
