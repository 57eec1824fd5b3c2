package org.opendps.core.provisioning;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opendps.core.certificate.CaCertificate;
import org.opendps.core.certificate.CaCertificateStore;
import org.opendps.core.certificate.CertificateChains;
import org.opendps.core.certificate.VerifiedCaCertificates;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentGroupStore;
import org.opendps.core.enrollment.EnrollmentStore;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509Certificates;
import org.opendps.core.enrollment.X509Entry;
import org.opendps.core.enrollment.X509Kind;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.registration.X509Registration;
import org.opendps.core.store.ChangeCountedCache;

/**
 * X.509 attestation of the chain a device presented in its TLS handshake ({@code protocol/dps-device.md} §4,
 * {@code dps-service.md} §8). The registration ID is the device certificate's CN, and the certificate must be
 * current. Then, as for SAS, an individual enrollment of that ID wins: its primary or secondary certificate must
 * be the device's (by thumbprint). Otherwise the first X.509 group whose CA the device chains up to takes it: a
 * {@code caReferences} CA must be uploaded and verified; a {@code signingCertificates} certificate (root or
 * intermediate) must be a verified CA or chain up to one. The device's hub identity is its certificate's
 * thumbprints, which the hub checks when it connects with the same certificate.
 */
final class X509DeviceAttestation {
    private final EnrollmentStore enrollments;
    private final CaCertificateStore caCertificates;
    private final CertificateChains chains;
    /** The X.509 groups with their CAs parsed (a CA reference's as verified now), kept until either store changes. */
    private final ChangeCountedCache<List<X509Group>> x509Groups;
    private final VerifiedCaCertificates verifiedCas;

    /** A group and the CAs a device may chain up to, in the order they are tried. */
    private record X509Group(EnrollmentGroup group, X509Kind kind, List<X509Certificate> cas) {}

    X509DeviceAttestation(EnrollmentStore enrollments, EnrollmentGroupStore groups,
            CaCertificateStore caCertificates, CertificateChains chains) {
        this.enrollments = enrollments;
        this.caCertificates = caCertificates;
        this.chains = chains;
        this.x509Groups = new ChangeCountedCache<>(List.of(groups, caCertificates), () -> x509Groups(groups));
        this.verifiedCas = new VerifiedCaCertificates(caCertificates);
    }

    AttestedDevice attest(String registrationId, DeviceCredential.X509 credential) {
        X509Certificate leaf = credential.leaf();
        String commonName = X509Certificates.commonName(leaf);
        if (commonName == null || !commonName.equalsIgnoreCase(registrationId)) {
            throw new DpsException(DpsError.DEVICE_UNAUTHORIZED,
                    "The registration ID must equal the common name of the device certificate.");
        }
        if (!chains.isCurrent(leaf)) {
            throw new DpsException(DpsError.DEVICE_UNAUTHORIZED,
                    "The device certificate is expired or not yet valid.");
        }
        String leafDer = X509Certificates.base64Der(leaf);
        DeviceAuthentication hubAuthentication = thumbprints(leaf);
        Optional<IndividualEnrollment> individual = enrollments.find(registrationId);
        if (individual.isPresent()) {
            if (individual.get().attestation() instanceof X509Attestation x509
                    && x509.kind() == X509Kind.CLIENT_CERTIFICATES && (isDevice(x509.primary(), leaf)
                            | isDevice(x509.secondary(), leaf))) {
                return new AttestedDevice(registrationId, individual.get(), null, AttestationType.X509,
                        hubAuthentication, new X509Registration(leafDer, null));
            }
            throw DeviceAttestation.unauthorized();
        }
        List<X509Certificate> intermediates = credential.chain().subList(1, credential.chain().size());
        for (X509Group group : x509Groups.get()) {
            for (X509Certificate ca : group.cas()) {
                // A CA reference is verified already; a signing certificate is checked only once the leaf chains.
                if (chains.chainsTo(leaf, intermediates, ca)
                        && (group.kind() == X509Kind.CA_REFERENCES || trusted(ca, intermediates))) {
                    return new AttestedDevice(registrationId, null, group.group(), AttestationType.X509,
                            hubAuthentication, new X509Registration(leafDer, X509Certificates.base64Der(ca)));
                }
            }
        }
        throw DeviceAttestation.unauthorized();
    }

    private List<X509Group> x509Groups(EnrollmentGroupStore groups) {
        List<X509Group> all = new ArrayList<>();
        for (EnrollmentGroup group : DeviceAttestation.groupsOf(groups, AttestationType.X509)) {
            if (group.attestation() instanceof X509Attestation x509) {
                all.add(new X509Group(group, x509.kind(), groupCas(x509)));
            }
        }
        return List.copyOf(all);
    }

    /** The group's signing certificates, or the CA certificates it references that exist and are verified. */
    private List<X509Certificate> groupCas(X509Attestation x509) {
        List<X509Certificate> cas = new ArrayList<>();
        for (X509Entry entry : new X509Entry[] {x509.primary(), x509.secondary()}) {
            if (entry == null) {
                continue;
            }
            if (x509.kind() == X509Kind.CA_REFERENCES) {
                caCertificates.find(entry.caReference()).filter(CaCertificate::verified)
                        .ifPresent(ca -> cas.add(ca.x509()));
            } else if (x509.kind() == X509Kind.SIGNING_CERTIFICATES && entry.certificate() != null) {
                cas.add(X509Certificates.fromBase64Der(entry.certificate()));
            }
        }
        return List.copyOf(cas);
    }

    /** Whether a signing certificate is trusted: it is a verified CA certificate or chains up to one. */
    private boolean trusted(X509Certificate signing, List<X509Certificate> intermediates) {
        for (X509Certificate ca : verifiedCas.get()) {
            if (ca.equals(signing) || chains.chainsTo(signing, intermediates, ca)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the enrollment slot holds the device's certificate: by its bytes, or, for a slot a client wrote with
     * only the info, by a thumbprint (Azure matches enrollments by thumbprint).
     */
    private static boolean isDevice(X509Entry entry, X509Certificate leaf) {
        if (entry == null) {
            return false;
        }
        byte[] der = der(leaf);
        String sha1 = X509Certificates.thumbprint("SHA-1", der);
        String sha256 = X509Certificates.thumbprint("SHA-256", der);
        if (entry.certificate() != null) {
            return X509Certificates.base64Der(leaf).equals(entry.certificate());
        }
        return entry.info() != null && (sha1.equalsIgnoreCase(String.valueOf(entry.info().sha1Thumbprint()))
                || sha256.equalsIgnoreCase(String.valueOf(entry.info().sha256Thumbprint())));
    }

    /** SHA-1 and SHA-256 of the same certificate: the hub accepts the device with either. */
    private static DeviceAuthentication thumbprints(X509Certificate leaf) {
        byte[] der = der(leaf);
        return new DeviceAuthentication.X509Thumbprint(X509Certificates.thumbprint("SHA-1", der),
                X509Certificates.thumbprint("SHA-256", der));
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw DeviceAttestation.unauthorized();
        }
    }
}
