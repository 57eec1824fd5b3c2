package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.opendps.core.certificate.CaCertificate;
import org.opendps.core.certificate.CaCertificateStore;
import org.opendps.core.enrollment.Revision;

/** CA certificates in table {@code ca_certificate}. */
final class JdbcCaCertificateStore extends JdbcVersionedStore<CaCertificate> implements CaCertificateStore {
    private static final List<String> COLUMNS = List.of("certificate", "verified", "verification_code");

    JdbcCaCertificateStore(Database database) {
        super(database, "ca_certificate", "name", COLUMNS, true);
    }

    @Override
    protected void bindFields(CaCertificate certificate, Params params) {
        params.text("certificate", certificate.certificate())
                .bool("verified", certificate.verified())
                .text("verification_code", certificate.verificationCode());
    }

    @Override
    protected CaCertificate read(ResultSet row, String id, Revision revision) throws SQLException {
        return new CaCertificate(id, row.getString("certificate"), row.getBoolean("verified"),
                row.getString("verification_code"), revision);
    }
}
