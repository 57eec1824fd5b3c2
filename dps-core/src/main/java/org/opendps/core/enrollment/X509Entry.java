package org.opendps.core.enrollment;

/**
 * One slot (primary or secondary) of an X.509 attestation: a certificate with its parsed info, or the name of an
 * uploaded CA certificate.
 *
 * @param certificate as a client sent it (PEM or base64 DER), stored as base64 DER; null when a client sent back
 *     only the {@code info} of a certificate the service already holds
 */
public record X509Entry(String certificate, X509CertificateInfo info, String caReference) {

    public static X509Entry ofCertificate(String certificate, X509CertificateInfo info) {
        return new X509Entry(certificate, info, null);
    }

    public static X509Entry ofCaReference(String name) {
        return new X509Entry(null, null, name);
    }

    public boolean isCaReference() {
        return caReference != null;
    }
}
