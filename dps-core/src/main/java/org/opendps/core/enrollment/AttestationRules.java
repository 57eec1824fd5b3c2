package org.opendps.core.enrollment;

import java.security.cert.X509Certificate;
import org.opendps.core.error.DpsException;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.core.validation.Base64Values;
import org.opendps.core.validation.Identifiers;

/**
 * Checks an attestation as a client sent it and completes it into what is stored: empty symmetric keys generated
 * on create and kept on update, certificates parsed into their info, a certificate sent back as info only kept.
 */
final class AttestationRules {
    private static final int MIN_KEY_BYTES = 16;
    private static final int MAX_KEY_BYTES = 64;
    private static final int MAX_TPM_KEY_BYTES = 4096;

    private AttestationRules() {}

    static Attestation forIndividual(Attestation requested, Attestation current) {
        if (requested instanceof TpmAttestation tpm) {
            return tpm(tpm);
        }
        if (requested instanceof SymmetricKeyAttestation keys) {
            return symmetricKeys(keys, current);
        }
        if (requested instanceof X509Attestation x509) {
            if (x509.kind() != X509Kind.CLIENT_CERTIFICATES) {
                throw DpsException.invalidField("attestation.x509",
                        "an individual enrollment takes clientCertificates, not " + x509.kind().wireName());
            }
            return x509(x509, current);
        }
        return requested; // none: stored as is, and no device can register against it
    }

    static Attestation forGroup(Attestation requested, Attestation current) {
        if (requested instanceof SymmetricKeyAttestation keys) {
            return symmetricKeys(keys, current);
        }
        if (requested instanceof X509Attestation x509) {
            if (x509.kind() == X509Kind.CLIENT_CERTIFICATES) {
                throw DpsException.invalidField("attestation.x509",
                        "an enrollment group takes signingCertificates or caReferences, not clientCertificates");
            }
            return x509(x509, current);
        }
        throw DpsException.invalidField("attestation.type",
                "an enrollment group takes x509 or symmetricKey, not " + requested.type().wireName());
    }

    private static TpmAttestation tpm(TpmAttestation tpm) {
        Base64Values.decode("attestation.tpm.endorsementKey", tpm.endorsementKey(), 1, MAX_TPM_KEY_BYTES);
        if (tpm.storageRootKey() != null && !tpm.storageRootKey().isEmpty()) {
            Base64Values.decode("attestation.tpm.storageRootKey", tpm.storageRootKey(), 1, MAX_TPM_KEY_BYTES);
        }
        return new TpmAttestation(tpm.endorsementKey(),
                tpm.storageRootKey() == null || tpm.storageRootKey().isEmpty() ? null : tpm.storageRootKey());
    }

    private static SymmetricKeyAttestation symmetricKeys(SymmetricKeyAttestation requested, Attestation current) {
        SymmetricKeyAttestation stored = current instanceof SymmetricKeyAttestation keys ? keys : null;
        return new SymmetricKeyAttestation(
                key("attestation.symmetricKey.primaryKey", requested.primaryKey(),
                        stored == null ? null : stored.primaryKey()),
                key("attestation.symmetricKey.secondaryKey", requested.secondaryKey(),
                        stored == null ? null : stored.secondaryKey()));
    }

    private static String key(String field, String requested, String stored) {
        if (requested == null || requested.isEmpty()) {
            return stored != null ? stored : SharedAccessSignatures.generateKey();
        }
        Base64Values.decode(field, requested, MIN_KEY_BYTES, MAX_KEY_BYTES);
        return requested;
    }

    private static X509Attestation x509(X509Attestation requested, Attestation current) {
        X509Attestation stored = current instanceof X509Attestation x ? x : null;
        String field = "attestation.x509." + requested.kind().wireName();
        return new X509Attestation(requested.kind(),
                entry(field + ".primary", requested.kind(), requested.primary(),
                        stored == null ? null : stored.primary()),
                requested.secondary() == null ? null : entry(field + ".secondary", requested.kind(),
                        requested.secondary(), stored == null ? null : stored.secondary()));
    }

    private static X509Entry entry(String field, X509Kind kind, X509Entry requested, X509Entry stored) {
        if (kind == X509Kind.CA_REFERENCES) {
            return X509Entry.ofCaReference(Identifiers.policyName(field, requested.caReference()));
        }
        if (requested.certificate() != null && !requested.certificate().isBlank()) {
            X509Certificate certificate = X509Certificates.parse(field + ".certificate", requested.certificate());
            return X509Entry.ofCertificate(X509Certificates.base64Der(certificate), X509Certificates.info(certificate));
        }
        // A client that read the enrollment and sends it back has only the info: keep the certificate it names.
        if (requested.info() != null && stored != null && stored.certificate() != null
                && stored.info().sha256Thumbprint().equalsIgnoreCase(nullToEmpty(requested.info().sha256Thumbprint()))) {
            return stored;
        }
        throw DpsException.invalidField(field + ".certificate", "a certificate (PEM or base64 DER) is required");
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
