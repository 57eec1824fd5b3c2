package org.opendps.core.enrollment;

import java.util.Objects;

/** A TPM's endorsement key (public, base64 TPM2B) and optionally its storage root key. */
public record TpmAttestation(String endorsementKey, String storageRootKey) implements Attestation {
    public TpmAttestation {
        Objects.requireNonNull(endorsementKey, "endorsementKey");
    }

    @Override
    public AttestationType type() {
        return AttestationType.TPM;
    }

    @Override
    public Attestation withoutSecrets() {
        return this; // both keys are public halves
    }
}
