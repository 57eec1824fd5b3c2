package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.NoAttestation;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.TpmAttestation;
import org.opendps.core.enrollment.X509Attestation;

/**
 * The {@code attestation} object (Azure's AttestationMechanism). Reading enforces what Java's SDK would otherwise
 * trip over when it reads the enrollment back: a type, a {@code tpm} object for TPM, one X.509 kind with a primary.
 */
final class AttestationJson {
    static final String TYPES = "none, tpm, x509, symmetricKey";

    /** Who sees the attestation, which decides what of it is written. */
    enum View {
        /** A GET or query response, or the webhook's copy: no symmetric keys, certificates as info only. */
        PUBLIC,
        /** The attestationmechanism response: symmetric keys included. */
        MECHANISM,
        /** What a client sends: keys and certificate text included. */
        REQUEST
    }

    private AttestationJson() {}

    static Attestation read(JsonFields attestation) {
        AttestationType type = attestation.enumValue("type", AttestationType::fromWireName, TYPES);
        if (type == null) {
            throw attestation.invalid("type", "required; one of " + TYPES);
        }
        switch (type) {
            case TPM:
                JsonFields tpm = attestation.requiredObject("tpm");
                return new TpmAttestation(tpm.requiredText("endorsementKey"), tpm.text("storageRootKey"));
            case X509:
                return X509Json.read(attestation.requiredObject("x509"));
            case SYMMETRIC_KEY:
                // Empty or absent keys ask the service to generate them (create) or keep them (update).
                JsonFields keys = attestation.object("symmetricKey");
                return keys == null
                        ? new SymmetricKeyAttestation(null, null)
                        : new SymmetricKeyAttestation(keys.text("primaryKey"), keys.text("secondaryKey"));
            default:
                return new NoAttestation();
        }
    }

    static ObjectNode write(Attestation attestation, View view) {
        Attestation shown = view == View.PUBLIC ? attestation.withoutSecrets() : attestation;
        ObjectNode node = JsonBodies.object();
        node.put("type", shown.type().wireName());
        if (shown instanceof TpmAttestation tpm) {
            ObjectNode keys = node.putObject("tpm");
            keys.put("endorsementKey", tpm.endorsementKey());
            JsonBodies.putIfPresent(keys, "storageRootKey", tpm.storageRootKey());
        } else if (shown instanceof X509Attestation x509) {
            node.set("x509", X509Json.write(x509, view == View.REQUEST));
        } else if (shown instanceof SymmetricKeyAttestation keys
                && (keys.primaryKey() != null || keys.secondaryKey() != null)) {
            ObjectNode symmetricKey = node.putObject("symmetricKey");
            JsonBodies.putIfPresent(symmetricKey, "primaryKey", keys.primaryKey());
            JsonBodies.putIfPresent(symmetricKey, "secondaryKey", keys.secondaryKey());
        }
        return node;
    }
}
