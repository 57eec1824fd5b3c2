package org.opendps.core.certificate;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * X.509 path validation with the JDK's PKIX implementation (RFC 5280: signatures, validity periods, basic
 * constraints, key usage, path length), revocation off, the anchor being whichever CA an enrollment names. PKIX
 * does not judge the anchor itself, so this class also requires of it what it requires of every other issuer:
 * CA:true, keyCertSign when it has a key usage, a path length that allows the intermediates below it, and a
 * validity period that covers the time the path is valid at.
 *
 * <p>Validity honours the same clock skew as shared access signatures: a path counts as valid when it is valid at
 * now, or at now plus or minus the skew.
 */
public final class CertificateChains {
    private static final int KEY_CERT_SIGN = 5;

    private final Clock clock;
    private final Duration skew;

    public CertificateChains(Clock clock, Duration skew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
    }

    /** Whether the certificate is within its validity period, give or take the skew. */
    public boolean isCurrent(X509Certificate certificate) {
        return instants().stream().anyMatch(at -> validAt(certificate, at));
    }

    /**
     * Whether {@code target} chains up to {@code anchor} through some of {@code intermediates} (in any order;
     * those that do not belong to the path are ignored). A target that is the anchor itself does not chain.
     */
    public boolean chainsTo(X509Certificate target, List<X509Certificate> intermediates, X509Certificate anchor) {
        if (target.equals(anchor) || !canIssue(anchor)) {
            return false;
        }
        for (Instant at : instants()) {
            if (!validAt(anchor, at)) {
                continue;
            }
            PKIXCertPathBuilderResult path = build(target, intermediates, anchor, at);
            if (path != null) {
                int below = path.getCertPath().getCertificates().size() - 1;
                return below <= anchor.getBasicConstraints();
            }
        }
        return false;
    }

    private static boolean validAt(X509Certificate certificate, Instant at) {
        try {
            certificate.checkValidity(Date.from(at));
            return true;
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            return false;
        }
    }

    private static boolean canIssue(X509Certificate ca) {
        boolean[] usage = ca.getKeyUsage();
        return ca.getBasicConstraints() >= 0
                && (usage == null || (usage.length > KEY_CERT_SIGN && usage[KEY_CERT_SIGN]));
    }

    private static PKIXCertPathBuilderResult build(X509Certificate target, List<X509Certificate> intermediates,
            X509Certificate anchor, Instant at) {
        try {
            X509CertSelector selector = new X509CertSelector();
            selector.setCertificate(target);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(Set.of(new TrustAnchor(anchor, null)),
                    selector);
            parameters.setRevocationEnabled(false);
            parameters.setDate(Date.from(at));
            List<X509Certificate> known = new ArrayList<>(intermediates);
            known.add(target);
            parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(known)));
            return (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX").build(parameters);
        } catch (GeneralSecurityException e) {
            return null; // no valid path: a refusal, not an error
        }
    }

    private List<Instant> instants() {
        Instant now = clock.instant();
        return List.of(now, now.minus(skew), now.plus(skew));
    }
}
