package org.opendps.core.provisioning;

import java.util.Objects;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.hub.DeviceAuthentication;

/**
 * A device whose credential matched an enrollment: which one, and what identity it gets in its hub. Exactly one
 * of {@code individual} and {@code group} is set.
 */
record AttestedDevice(
        String registrationId,
        IndividualEnrollment individual,
        EnrollmentGroup group,
        AttestationType attestationType,
        DeviceAuthentication hubAuthentication) {

    AttestedDevice {
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(attestationType, "attestationType");
        Objects.requireNonNull(hubAuthentication, "hubAuthentication");
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
