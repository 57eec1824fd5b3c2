package org.opendps.core.enrollment;

/**
 * Primary and secondary keys, base64. Either may be empty in a request, which asks the service to generate it (on
 * create) or to keep the stored one (on update); a stored attestation always has both.
 */
public record SymmetricKeyAttestation(String primaryKey, String secondaryKey) implements Attestation {
    public static final SymmetricKeyAttestation REDACTED = new SymmetricKeyAttestation(null, null);

    @Override
    public AttestationType type() {
        return AttestationType.SYMMETRIC_KEY;
    }

    @Override
    public Attestation withoutSecrets() {
        return REDACTED;
    }

    public boolean hasKeys() {
        return primaryKey != null && !primaryKey.isEmpty() && secondaryKey != null && !secondaryKey.isEmpty();
    }
}
