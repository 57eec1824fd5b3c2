package org.opendps.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStateStore;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.registration.RegistrationSubstatus;
import org.opendps.core.registration.X509Registration;

/** Device registration states in table {@code registration_state}. */
final class JdbcRegistrationStateStore extends JdbcVersionedStore<DeviceRegistrationState>
        implements RegistrationStateStore {
    private static final List<String> COLUMNS = List.of("enrollment_group_id", "enrollment_group_id_key",
            "assigned_hub", "device_id", "device_id_key", "status", "substatus", "error_code", "error_message",
            "payload", "x509_certificate", "x509_signing_certificate");

    JdbcRegistrationStateStore(Database database) {
        super(database, "registration_state", "registration_id", COLUMNS);
    }

    @Override
    protected void bindFields(DeviceRegistrationState state, Params params) {
        params.text("enrollment_group_id", state.enrollmentGroupId())
                .text("enrollment_group_id_key", key(state.enrollmentGroupId()))
                .text("assigned_hub", state.assignedHub())
                .text("device_id", state.deviceId())
                .text("device_id_key", key(state.deviceId()))
                .text("status", state.status().wireName())
                .text("substatus", state.substatus() == null ? null : state.substatus().wireName())
                .integer("error_code", state.errorCode())
                .text("error_message", state.errorMessage())
                .text("payload", Columns.json(state.payload()))
                .text("x509_certificate", state.x509() == null ? null : state.x509().certificate())
                .text("x509_signing_certificate", state.x509() == null ? null : state.x509().signingCertificate());
    }

    @Override
    protected DeviceRegistrationState read(ResultSet row, String id, Revision revision) throws SQLException {
        return new DeviceRegistrationState(id,
                row.getString("enrollment_group_id"),
                row.getString("assigned_hub"),
                row.getString("device_id"),
                Columns.wireEnum(row, "status", RegistrationStatus::fromWireName),
                Columns.wireEnum(row, "substatus", RegistrationSubstatus::fromWireName),
                Columns.integer(row, "error_code"),
                row.getString("error_message"),
                Columns.json(row, "payload"),
                revision,
                x509(row));
    }

    private static X509Registration x509(ResultSet row) throws SQLException {
        String certificate = row.getString("x509_certificate");
        return certificate == null ? null
                : new X509Registration(certificate, row.getString("x509_signing_certificate"));
    }
}
