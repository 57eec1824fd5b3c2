package org.opendps.core.certificate;

import java.security.cert.X509Certificate;
import java.util.List;
import org.opendps.core.store.ChangeCountedCache;

/**
 * The instance's verified CA certificates, the trust anchors of X.509 enrollment groups and of CA-signed hub devices,
 * parsed once per change of the CA certificates (on any node sharing the database) rather than read per request.
 */
public final class VerifiedCaCertificates {
    private final ChangeCountedCache<List<X509Certificate>> cache;

    public VerifiedCaCertificates(CaCertificateStore store) {
        this.cache = new ChangeCountedCache<>(List.of(store), () -> store.all().stream()
                .filter(CaCertificate::verified).map(CaCertificate::x509).toList());
    }

    public List<X509Certificate> get() {
        return cache.get();
    }
}
