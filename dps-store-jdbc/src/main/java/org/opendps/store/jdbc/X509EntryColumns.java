package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.opendps.core.enrollment.X509CertificateInfo;
import org.opendps.core.enrollment.X509Entry;

/**
 * One X.509 slot (primary or secondary) as columns under a prefix: the certificate (base64 DER), every field of
 * its info, or the CA reference name. {@code info_version} is never null when the info is present, so it marks
 * whether there is one; the slot is absent when certificate, CA reference and info all are.
 */
final class X509EntryColumns {
    private static final List<String> SUFFIXES = List.of("certificate", "ca_reference", "subject_name",
            "sha1_thumbprint", "sha256_thumbprint", "issuer_name", "not_before", "not_after", "serial_number",
            "info_version");

    private final String prefix;

    X509EntryColumns(String prefix) {
        this.prefix = prefix;
    }

    List<String> names() {
        return SUFFIXES.stream().map(suffix -> prefix + suffix).toList();
    }

    void bind(X509Entry entry, Params params) {
        X509CertificateInfo info = entry == null ? null : entry.info();
        params.text(prefix + "certificate", entry == null ? null : entry.certificate())
                .text(prefix + "ca_reference", entry == null ? null : entry.caReference())
                .text(prefix + "subject_name", info == null ? null : info.subjectName())
                .text(prefix + "sha1_thumbprint", info == null ? null : info.sha1Thumbprint())
                .text(prefix + "sha256_thumbprint", info == null ? null : info.sha256Thumbprint())
                .text(prefix + "issuer_name", info == null ? null : info.issuerName())
                .instant(prefix + "not_before", info == null ? null : info.notBeforeUtc())
                .instant(prefix + "not_after", info == null ? null : info.notAfterUtc())
                .text(prefix + "serial_number", info == null ? null : info.serialNumber())
                .integer(prefix + "info_version", info == null ? null : info.version());
    }

    X509Entry read(ResultSet row) throws SQLException {
        String certificate = row.getString(prefix + "certificate");
        String caReference = row.getString(prefix + "ca_reference");
        Integer version = Columns.integer(row, prefix + "info_version");
        X509CertificateInfo info = version == null ? null : new X509CertificateInfo(
                row.getString(prefix + "subject_name"),
                row.getString(prefix + "sha1_thumbprint"),
                row.getString(prefix + "sha256_thumbprint"),
                row.getString(prefix + "issuer_name"),
                Columns.instant(row, prefix + "not_before"),
                Columns.instant(row, prefix + "not_after"),
                row.getString(prefix + "serial_number"),
                version);
        if (certificate == null && caReference == null && info == null) {
            return null;
        }
        return new X509Entry(certificate, info, caReference);
    }
}
