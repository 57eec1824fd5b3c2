package org.opendps.cli.enrollment.individual;

import org.opendps.cli.enrollment.AttestationChoice;
import org.opendps.cli.enrollment.AttestationOptions;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.X509Kind;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What only an individual enrollment has: a device ID, TPM attestation, and the device's own certificate. */
public final class IndividualOptions {
    @Mixin
    AttestationOptions attestation = new AttestationOptions();

    @Mixin
    TpmOptions tpm = new TpmOptions();

    @Option(names = "--device-id", order = 2, paramLabel = "ID",
            description = "Device ID in the hub. Default: the registration ID.")
    String deviceId;

    public IndividualOptions() {}

    public IndividualOptions(AttestationOptions attestation, TpmOptions tpm, String deviceId) {
        this.attestation = attestation;
        this.tpm = tpm;
        this.deviceId = deviceId;
    }

    public IndividualEnrollment draft(String registrationId, EnrollmentSettings settings) {
        return new IndividualEnrollment(registrationId, deviceId, attestation(null), settings, null, null);
    }

    public IndividualEnrollment apply(IndividualEnrollment current, EnrollmentSettings settings) {
        return new IndividualEnrollment(current.registrationId(),
                deviceId != null ? deviceId : current.deviceId(),
                attestation(current.attestation()), settings, current.optionalDeviceInformation(),
                current.revision());
    }

    public boolean attestationGiven() {
        return attestation.choose(tpm.given() ? AttestationChoice.TPM : null) != null;
    }

    /** @param current null on create */
    Attestation attestation(Attestation current) {
        AttestationChoice choice = attestation.choose(tpm.given() ? AttestationChoice.TPM : null);
        if (choice == null) {
            return AttestationOptions.unchanged(current);
        }
        switch (choice) {
            case TPM:
                return tpm.attestation(current);
            case X509:
                return attestation.certificates(X509Kind.CLIENT_CERTIFICATES, current);
            default:
                return attestation.symmetricKey();
        }
    }
}
