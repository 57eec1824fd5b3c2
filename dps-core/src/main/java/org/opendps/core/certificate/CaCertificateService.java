package org.opendps.core.certificate;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.opendps.core.enrollment.X509Certificates;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.security.ConstantTime;
import org.opendps.core.store.VersionedResources;
import org.opendps.core.validation.Identifiers;

/**
 * Management of the instance's CA certificates (under ServiceConfig; ARM's job in Azure): upload, list, delete,
 * and proof of possession. A CA is trusted for attestation only once verified: its uploader either vouched for it
 * ({@code isVerified:true}) or proved to hold its private key by signing a certificate whose subject CN is a code
 * the service generated. A code is good for one successful verification.
 */
public final class CaCertificateService {
    private static final int CODE_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CaCertificateStore store;
    private final VersionedResources<CaCertificate> resources;

    public CaCertificateService(CaCertificateStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.resources = new VersionedResources<>(store, clock, DpsError.CA_CERTIFICATE_NOT_FOUND, "Certificate");
    }

    /** Every certificate in name order. */
    public List<CaCertificate> list() {
        return store.all();
    }

    public CaCertificate get(String name) {
        return resources.get(name);
    }

    /**
     * Uploads or replaces a certificate, as If-Match allows (see {@link VersionedResources#put}). Replacing it with
     * the same certificate keeps its verification; another certificate starts unverified unless vouched for.
     *
     * @param certificateText PEM or base64 DER
     */
    public CaCertificate upload(String name, String certificateText, boolean verified, String ifMatch) {
        Identifiers.policyName("name", name);
        X509Certificate certificate = X509Certificates.parse("certificate", certificateText);
        if (certificate.getBasicConstraints() < 0) {
            throw new DpsException(DpsError.INVALID_CERTIFICATE_DATA,
                    "'certificate' is not a CA certificate (its basic constraints do not say CA:true).");
        }
        String der = X509Certificates.base64Der(certificate);
        CaCertificate draft = new CaCertificate(name, der, verified, null, null);
        return resources.put(draft, ifMatch, (requested, current) -> {
            if (current == null) {
                return requested;
            }
            boolean same = current.certificate().equals(requested.certificate());
            return new CaCertificate(current.name(), requested.certificate(),
                    requested.verified() || (same && current.verified()), same ? current.verificationCode() : null,
                    current.revision());
        });
    }

    public void delete(String name, String ifMatch) {
        resources.delete(name, ifMatch);
    }

    /** A fresh code (replacing any earlier one) for the CN of a verification certificate; needs the etag. */
    public CaCertificate generateVerificationCode(String name, String ifMatch) {
        String code = HexFormat.of().withUpperCase().formatHex(randomBytes());
        return resources.update(name, ifMatch, current -> current.with(current.verified(), code));
    }

    /**
     * Marks the certificate verified when {@code verificationCertificateText} carries the current code as its
     * subject CN and its signature verifies with the CA's public key; the code is then spent.
     */
    public CaCertificate verify(String name, String ifMatch, String verificationCertificateText) {
        X509Certificate proof = X509Certificates.parse("certificate", verificationCertificateText);
        return resources.update(name, ifMatch, current -> {
            if (current.verificationCode() == null) {
                throw new DpsException(DpsError.VERIFICATION_CODE_MISSING, "Certificate '" + current.name()
                        + "' has no verification code; generate one first.");
            }
            if (!codeMatches(proof, current.verificationCode()) || !signedBy(proof, current.x509())) {
                throw new DpsException(DpsError.INVALID_VERIFICATION_CERTIFICATE, "The verification certificate "
                        + "must have the current verification code as its subject CN and be signed by the CA's key.");
            }
            return current.with(true, null);
        });
    }

    /** Compared in constant time: the code is the one secret of the proof. */
    private static boolean codeMatches(X509Certificate proof, String code) {
        String commonName = X509Certificates.commonName(proof);
        return commonName != null && ConstantTime.equal(code, commonName.toUpperCase(Locale.ROOT));
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate ca) {
        try {
            certificate.verify(ca.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[CODE_BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
