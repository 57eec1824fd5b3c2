package org.opendps.core.certificate;

import java.security.cert.X509Certificate;
import java.util.Objects;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.enrollment.Versioned;
import org.opendps.core.enrollment.X509Certificates;

/**
 * A CA certificate uploaded to the instance (ARM's {@code certificates/{name}}), which enrollment groups name in
 * {@code caReferences} and under which their signing certificates must chain.
 *
 * @param certificate base64 DER
 * @param verified proof of possession was given, or the uploader vouched for it ({@code isVerified:true})
 * @param verificationCode the code a verification certificate must carry as its CN; null when none is pending
 */
public record CaCertificate(String name, String certificate, boolean verified, String verificationCode,
        Revision revision) implements Versioned<CaCertificate> {

    public CaCertificate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(certificate, "certificate");
    }

    public X509Certificate x509() {
        return X509Certificates.fromBase64Der(certificate);
    }

    @Override
    public String id() {
        return name;
    }

    @Override
    public CaCertificate withRevision(Revision newRevision) {
        return new CaCertificate(name, certificate, verified, verificationCode, newRevision);
    }

    CaCertificate with(boolean newVerified, String newCode) {
        return new CaCertificate(name, certificate, newVerified, newCode, revision);
    }
}
