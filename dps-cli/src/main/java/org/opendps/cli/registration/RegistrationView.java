package org.opendps.cli.registration;

import java.util.List;
import org.opendps.cli.output.Details;
import org.opendps.cli.output.Json;
import org.opendps.cli.output.Table;
import org.opendps.core.registration.DeviceRegistrationState;

/** Registration states as text. */
final class RegistrationView {
    private RegistrationView() {}

    static Details details(DeviceRegistrationState state) {
        Details details = new Details()
                .add("registrationId", state.registrationId())
                .add("status", state.status().wireName())
                .add("substatus", state.substatus() == null ? null : state.substatus().wireName())
                .add("assignedHub", state.assignedHub())
                .add("deviceId", state.deviceId())
                .add("errorCode", state.errorCode())
                .add("errorMessage", state.errorMessage())
                .add("payload", state.payload() == null ? null : Json.compact(state.payload().json()));
        if (state.revision() != null) {
            details.add("etag", state.revision().etag())
                    .add("created", state.revision().created())
                    .add("updated", state.revision().updated());
        }
        return details;
    }

    static Table table(List<DeviceRegistrationState> states) {
        Table table = new Table("REGISTRATION ID", "STATUS", "ASSIGNED HUB", "DEVICE ID", "ERROR", "UPDATED");
        for (DeviceRegistrationState state : states) {
            table.row(state.registrationId(), state.status().wireName(), state.assignedHub(), state.deviceId(),
                    state.errorCode(), state.revision() == null ? null : state.revision().updated());
        }
        return table;
    }
}
