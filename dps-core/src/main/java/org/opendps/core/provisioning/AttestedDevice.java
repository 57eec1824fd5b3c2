package org.opendps.core.provisioning;

import java.util.Objects;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.registration.X509Registration;

/**
 * A device whose credential matched an enrollment: which one, and what identity it gets in its hub. Exactly one
 * of {@code individual} and {@code group} is set; {@code x509} only for a device that attested with a certificate.
 */
record AttestedDevice(
        String registrationId,
        IndividualEnrollment individual,
        EnrollmentGroup group,
        AttestationType attestationType,
        DeviceAuthentication hubAuthentication,
        X509Registration x509) {

    AttestedDevice {
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(attestationType, "attestationType");
        Objects.requireNonNull(hubAuthentication, "hubAuthentication");
    }

    /** A device that attested without a certificate. */
    AttestedDevice(String registrationId, IndividualEnrollment individual, EnrollmentGroup group,
            AttestationType attestationType, DeviceAuthentication hubAuthentication) {
        this(registrationId, individual, group, attestationType, hubAuthentication, null);
    }

    EnrollmentSettings settings() {
        return individual != null ? individual.settings() : group.settings();
    }

    /** The enrollment's device ID, else the registration ID (always, for group members). */
    String deviceId() {
        return individual != null && individual.deviceId() != null ? individual.deviceId() : registrationId;
    }

    String enrollmentGroupId() {
        return group == null ? null : group.enrollmentGroupId();
    }
}
