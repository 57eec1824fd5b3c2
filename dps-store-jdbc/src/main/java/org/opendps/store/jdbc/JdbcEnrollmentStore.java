package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.opendps.core.enrollment.EnrollmentStore;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.Revision;

/** Individual enrollments in table {@code individual_enrollment}. */
final class JdbcEnrollmentStore extends JdbcVersionedStore<IndividualEnrollment> implements EnrollmentStore {
    private static final List<String> COLUMNS = columns();

    JdbcEnrollmentStore(Database database) {
        super(database, "individual_enrollment", "registration_id", COLUMNS);
    }

    private static List<String> columns() {
        List<String> columns = new ArrayList<>(List.of("device_id", "device_id_key", "optional_device_information"));
        columns.addAll(AttestationColumns.NAMES);
        columns.addAll(SettingsColumns.NAMES);
        return List.copyOf(columns);
    }

    @Override
    protected void bindFields(IndividualEnrollment enrollment, Params params) {
        params.text("device_id", enrollment.deviceId())
                .text("device_id_key", key(enrollment.deviceId()))
                .text("optional_device_information", Columns.json(enrollment.optionalDeviceInformation()));
        AttestationColumns.bind(enrollment.attestation(), params);
        SettingsColumns.bind(enrollment.settings(), params);
    }

    @Override
    protected IndividualEnrollment read(ResultSet row, String id, Revision revision) throws SQLException {
        return new IndividualEnrollment(id, row.getString("device_id"), AttestationColumns.read(row),
                SettingsColumns.read(row), Columns.json(row, "optional_device_information"), revision);
    }
}
