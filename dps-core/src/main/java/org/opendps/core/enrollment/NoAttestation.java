package org.opendps.core.enrollment;

/** Attestation type {@code none}: accepted in the schema, but no device can register against it. */
public record NoAttestation() implements Attestation {
    @Override
    public AttestationType type() {
        return AttestationType.NONE;
    }

    @Override
    public Attestation withoutSecrets() {
        return this;
    }
}
