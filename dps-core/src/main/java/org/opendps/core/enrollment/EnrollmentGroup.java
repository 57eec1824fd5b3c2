package org.opendps.core.enrollment;

import java.util.Objects;

/** An enrollment for every device that proves membership: a signing certificate, CA reference or group key. */
public record EnrollmentGroup(
        String enrollmentGroupId,
        Attestation attestation,
        EnrollmentSettings settings,
        Revision revision) implements Versioned<EnrollmentGroup> {

    public EnrollmentGroup {
        Objects.requireNonNull(enrollmentGroupId, "enrollmentGroupId");
        Objects.requireNonNull(attestation, "attestation");
        Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String id() {
        return enrollmentGroupId;
    }

    @Override
    public EnrollmentGroup withRevision(Revision newRevision) {
        return new EnrollmentGroup(enrollmentGroupId, attestation, settings, newRevision);
    }

    public EnrollmentGroup withAttestation(Attestation newAttestation) {
        return new EnrollmentGroup(enrollmentGroupId, newAttestation, settings, revision);
    }
}
