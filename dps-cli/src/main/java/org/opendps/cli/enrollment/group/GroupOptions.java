package org.opendps.cli.enrollment.group;

import org.opendps.cli.CliException;
import org.opendps.cli.enrollment.AttestationChoice;
import org.opendps.cli.enrollment.AttestationOptions;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509Kind;
import picocli.CommandLine.Mixin;

/**
 * A group's attestation: a group key, signing certificates (root or intermediate CA files), or references to CA
 * certificates uploaded to the service.
 */
public final class GroupOptions {
    @Mixin
    AttestationOptions attestation = new AttestationOptions();

    @Mixin
    CaReferenceOptions caReferences = new CaReferenceOptions();

    public GroupOptions() {}

    public GroupOptions(AttestationOptions attestation, CaReferenceOptions caReferences) {
        this.attestation = attestation;
        this.caReferences = caReferences;
    }

    public EnrollmentGroup draft(String groupId, EnrollmentSettings settings) {
        return new EnrollmentGroup(groupId, attestation(null), settings, null);
    }

    public EnrollmentGroup apply(EnrollmentGroup current, EnrollmentSettings settings) {
        return new EnrollmentGroup(current.enrollmentGroupId(), attestation(current.attestation()), settings,
                current.revision());
    }

    public boolean attestationGiven() {
        return choice() != null;
    }

    /** @param current null on create */
    Attestation attestation(Attestation current) {
        AttestationChoice choice = choice();
        if (choice == null) {
            return AttestationOptions.unchanged(current);
        }
        switch (choice) {
            case TPM:
                throw CliException.usage("an enrollment group takes symmetric-key or x509 attestation, not tpm");
            case SYMMETRIC_KEY:
                return attestation.symmetricKey();
            default:
                if (caReferences.given()) {
                    return caReferences.attestation(current);
                }
                if (attestation.certificatesGiven()) {
                    return attestation.certificates(X509Kind.SIGNING_CERTIFICATES, current);
                }
                if (current instanceof X509Attestation) {
                    return current; // --attestation x509 alone on an x509 group: nothing changes
                }
                throw CliException.usage("x509 attestation of a group needs --certificate FILE or --ca-reference NAME");
        }
    }

    private AttestationChoice choice() {
        if (caReferences.given() && attestation.certificatesGiven()) {
            throw CliException.usage("give --certificate or --ca-reference, not both");
        }
        return attestation.choose(caReferences.given() ? AttestationChoice.X509 : null);
    }
}
