package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.NoAttestation;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.TpmAttestation;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509Entry;
import org.opendps.core.enrollment.X509Kind;

/** An attestation of any type as the columns individual enrollments and groups share; unused ones are NULL. */
final class AttestationColumns {
    private static final X509EntryColumns PRIMARY = new X509EntryColumns("x509_primary_");
    private static final X509EntryColumns SECONDARY = new X509EntryColumns("x509_secondary_");

    static final List<String> NAMES = names();

    private AttestationColumns() {}

    private static List<String> names() {
        List<String> names = new ArrayList<>(List.of("attestation_type", "tpm_endorsement_key",
                "tpm_storage_root_key", "symmetric_primary_key", "symmetric_secondary_key", "x509_kind"));
        names.addAll(PRIMARY.names());
        names.addAll(SECONDARY.names());
        return List.copyOf(names);
    }

    static void bind(Attestation attestation, Params params) {
        TpmAttestation tpm = attestation instanceof TpmAttestation t ? t : null;
        SymmetricKeyAttestation keys = attestation instanceof SymmetricKeyAttestation k ? k : null;
        X509Attestation x509 = attestation instanceof X509Attestation x ? x : null;
        params.text("attestation_type", attestation.type().wireName())
                .text("tpm_endorsement_key", tpm == null ? null : tpm.endorsementKey())
                .text("tpm_storage_root_key", tpm == null ? null : tpm.storageRootKey())
                .text("symmetric_primary_key", keys == null ? null : keys.primaryKey())
                .text("symmetric_secondary_key", keys == null ? null : keys.secondaryKey())
                .text("x509_kind", x509 == null ? null : x509.kind().wireName());
        PRIMARY.bind(x509 == null ? null : x509.primary(), params);
        SECONDARY.bind(x509 == null ? null : x509.secondary(), params);
    }

    static Attestation read(ResultSet row) throws SQLException {
        AttestationType type = Columns.wireEnum(row, "attestation_type", AttestationType::fromWireName);
        return switch (type) {
            case TPM -> new TpmAttestation(row.getString("tpm_endorsement_key"), row.getString("tpm_storage_root_key"));
            case SYMMETRIC_KEY -> new SymmetricKeyAttestation(
                    row.getString("symmetric_primary_key"), row.getString("symmetric_secondary_key"));
            case X509 -> x509(row);
            case NONE -> new NoAttestation();
        };
    }

    private static X509Attestation x509(ResultSet row) throws SQLException {
        X509Kind kind = Columns.wireEnum(row, "x509_kind", AttestationColumns::x509Kind);
        X509Entry primary = PRIMARY.read(row);
        // A primary slot with nothing in it is not valid, but it is what was stored: give it back as such.
        return new X509Attestation(kind, primary == null ? new X509Entry(null, null, null) : primary,
                SECONDARY.read(row));
    }

    private static Optional<X509Kind> x509Kind(String wireName) {
        for (X509Kind kind : X509Kind.values()) {
            if (kind.wireName().equals(wireName)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
