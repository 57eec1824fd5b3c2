package org.opendps.attestation.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A certificate with its private key and the chain above it (issuer first, root last; empty for a root). */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> issuers) {
    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        issuers = List.copyOf(issuers);
    }

    /**
     * A certificate and key read from PEM text, as a CA to issue with: the first certificate is this one, any
     * further ones its issuers (a chain file works). Fails when the key is not the certificate's.
     *
     * @throws IllegalArgumentException when the text holds no certificate, no key, or a key of another certificate
     */
    public static IssuedCertificate fromPem(String certificatesPem, String privateKeyPem) {
        List<X509Certificate> certificates = Pem.readCertificates(certificatesPem);
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("no certificate in the PEM text");
        }
        IssuedCertificate loaded = new IssuedCertificate(certificates.get(0), Pem.readPrivateKey(privateKeyPem),
                certificates.subList(1, certificates.size()));
        if (!loaded.keyMatchesCertificate()) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + loaded.certificate.getSubjectX500Principal().getName());
        }
        return loaded;
    }

    /** This certificate followed by its issuers: what a TLS peer presents. */
    public List<X509Certificate> chain() {
        var chain = new ArrayList<X509Certificate>();
        chain.add(certificate);
        chain.addAll(issuers);
        return chain;
    }

    /**
     * This certificate and the intermediates above it, without a self-signed root: what a device sends in its
     * handshake (the server has the root already, and a root in the chain only costs bytes).
     */
    public List<X509Certificate> chainWithoutRoot() {
        List<X509Certificate> chain = chain();
        X509Certificate last = chain.get(chain.size() - 1);
        if (chain.size() > 1 && last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
            chain.remove(chain.size() - 1);
        }
        return chain;
    }

    /** Whether this certificate may sign others (basic constraints CA:true). */
    public boolean isCa() {
        return certificate.getBasicConstraints() >= 0;
    }

    /** Signs and verifies a probe: the only check that works for every key type. */
    private boolean keyMatchesCertificate() {
        try {
            String algorithm = KeyAlgorithm.signatureAlgorithmFor(privateKey);
            byte[] probe = "opendps key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // e.g. an RSA key with an EC certificate
        }
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + certificate.getSubjectX500Principal().getName() + "]"; // never the key
    }
}
