package org.opendps.core.enrollment;

/** The credential an enrollment expects a device to present. */
public sealed interface Attestation
        permits NoAttestation, TpmAttestation, X509Attestation, SymmetricKeyAttestation {

    AttestationType type();

    /** The same attestation with every secret removed, as a GET shows it. */
    Attestation withoutSecrets();
}
