package org.opendps.core.enrollment;

import java.util.Objects;

/** An X.509 attestation: leaf certificates, signing (root or intermediate) certificates, or CA references. */
public record X509Attestation(X509Kind kind, X509Entry primary, X509Entry secondary) implements Attestation {
    public X509Attestation {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(primary, "primary");
    }

    @Override
    public AttestationType type() {
        return AttestationType.X509;
    }

    @Override
    public Attestation withoutSecrets() {
        return this; // certificates are public; the wire shows their info, not their bytes
    }
}
