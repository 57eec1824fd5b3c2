package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentGroupStore;
import org.opendps.core.enrollment.Revision;

/** Enrollment groups in table {@code enrollment_group}. */
final class JdbcEnrollmentGroupStore extends JdbcVersionedStore<EnrollmentGroup> implements EnrollmentGroupStore {
    private static final List<String> COLUMNS = columns();

    JdbcEnrollmentGroupStore(Database database) {
        super(database, "enrollment_group", "enrollment_group_id", COLUMNS, true);
    }

    private static List<String> columns() {
        List<String> columns = new ArrayList<>(AttestationColumns.NAMES);
        columns.addAll(SettingsColumns.NAMES);
        return List.copyOf(columns);
    }

    @Override
    protected void bindFields(EnrollmentGroup group, Params params) {
        AttestationColumns.bind(group.attestation(), params);
        SettingsColumns.bind(group.settings(), params);
    }

    @Override
    protected EnrollmentGroup read(ResultSet row, String id, Revision revision) throws SQLException {
        return new EnrollmentGroup(id, AttestationColumns.read(row), SettingsColumns.read(row), revision);
    }
}
