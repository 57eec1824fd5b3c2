package org.opendps.core.registration;

import java.util.Objects;
import org.opendps.core.enrollment.X509CertificateInfo;
import org.opendps.core.enrollment.X509Certificates;

/**
 * The certificates an X.509 device registered with, which its registration results describe
 * ({@code registrationState.x509}).
 *
 * @param certificate the device's own certificate, base64 DER
 * @param signingCertificate the group's CA the device chained up to, base64 DER; null for an individual enrollment
 */
public record X509Registration(String certificate, String signingCertificate) {
    public X509Registration {
        Objects.requireNonNull(certificate, "certificate");
    }

    public X509CertificateInfo certificateInfo() {
        return X509Certificates.info(X509Certificates.fromBase64Der(certificate));
    }

    /** Null for an individual enrollment. */
    public X509CertificateInfo signingCertificateInfo() {
        return signingCertificate == null ? null
                : X509Certificates.info(X509Certificates.fromBase64Der(signingCertificate));
    }
}
