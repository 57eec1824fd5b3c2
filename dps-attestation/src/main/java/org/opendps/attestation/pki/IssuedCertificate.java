package org.opendps.attestation.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** A certificate with its private key and the chain above it (issuer first, root last; empty for a root). */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> issuers) {
    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        issuers = List.copyOf(issuers);
    }

    /** This certificate followed by its issuers: what a TLS peer presents. */
    public List<X509Certificate> chain() {
        var chain = new java.util.ArrayList<X509Certificate>();
        chain.add(certificate);
        chain.addAll(issuers);
        return chain;
    }
}
