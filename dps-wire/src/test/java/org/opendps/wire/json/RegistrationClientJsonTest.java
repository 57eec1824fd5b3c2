package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsException;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.registration.RegistrationSubstatus;

/** The device's side of the registration bodies, checked against the server's side of the same. */
class RegistrationClientJsonTest {
    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void the_request_is_what_the_server_reads_with_the_payload_as_a_json_value() {
        byte[] request = RegistrationClientJson.writeRequest("dev:1", new JsonText("{\"modelId\":\"dtmi:x;1\"}"));

        DeviceRegistrationJson.DeviceRegistrationBody read = DeviceRegistrationJson.readRequest(request);
        assertThat(new String(request, StandardCharsets.UTF_8))
                .isEqualTo("{\"registrationId\":\"dev:1\",\"payload\":{\"modelId\":\"dtmi:x;1\"}}");
        assertThat(read.registrationId()).isEqualTo("dev:1");
        assertThat(read.payload()).isEqualTo(new JsonText("{\"modelId\":\"dtmi:x;1\"}"));
        assertThat(new String(RegistrationClientJson.writeRequest("d", null), StandardCharsets.UTF_8))
                .isEqualTo("{\"registrationId\":\"d\"}");
    }

    @Test
    void reads_back_what_the_server_writes_when_assigned() {
        DeviceRegistrationState state = new DeviceRegistrationState("dev-1", "group-1", "hub-1.example.net",
                "dev-one", RegistrationStatus.ASSIGNED, RegistrationSubstatus.DEVICE_DATA_MIGRATED, null, null,
                new JsonText("{\"answer\":42}"), Fixtures.REVISION);
        byte[] written = DeviceRegistrationJson.writeOperationStatus(
                new RegistrationOperationStatus("4.abc", RegistrationStatus.ASSIGNED, state, 0));

        RegistrationOperationStatus read = RegistrationClientJson.readOperationStatus(written);

        assertThat(read.operationId()).isEqualTo("4.abc");
        assertThat(read.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(read.registrationState().assignedHub()).isEqualTo("hub-1.example.net");
        assertThat(read.registrationState().deviceId()).isEqualTo("dev-one");
        assertThat(read.registrationState().substatus()).isEqualTo(RegistrationSubstatus.DEVICE_DATA_MIGRATED);
        assertThat(read.registrationState().payload()).isEqualTo(new JsonText("{\"answer\":42}"));
    }

    @Test
    void reads_azures_first_202_and_a_failure_with_its_code() {
        RegistrationOperationStatus assigning = RegistrationClientJson.readOperationStatus(
                bytes("{\"operationId\":\"5.316aac5bdc130deb.b1e02da8\",\"status\":\"assigning\"}"));
        RegistrationOperationStatus failed = RegistrationClientJson.readOperationStatus(bytes("{\"operationId\":\"o\","
                + "\"status\":\"failed\",\"registrationState\":{\"registrationId\":\"d\",\"status\":\"failed\","
                + "\"errorCode\":400209,\"errorMessage\":\"Hub unauthorized\",\"x509\":{}}}"));

        assertThat(assigning.assigning()).isTrue();
        assertThat(assigning.registrationState()).isNull();
        assertThat(failed.registrationState().errorCode()).isEqualTo(400209);
        assertThat(failed.registrationState().errorMessage()).isEqualTo("Hub unauthorized");
    }

    @Test
    void an_answer_without_operation_id_or_with_an_unknown_status_is_refused() {
        assertThatThrownBy(() -> RegistrationClientJson.readOperationStatus(bytes("{\"status\":\"assigned\"}")))
                .isInstanceOf(DpsException.class).hasMessageContaining("operationId");
        assertThatThrownBy(() -> RegistrationClientJson.readOperationStatus(
                bytes("{\"operationId\":\"o\",\"status\":\"blacklisted\"}")))
                .isInstanceOf(DpsException.class).hasMessageContaining("status");
    }

    @Test
    void a_user_payload_must_be_json() {
        assertThat(RegistrationClientJson.parseValue(" [1, 2] ")).isEqualTo(new JsonText("[1,2]"));
        assertThatThrownBy(() -> RegistrationClientJson.parseValue("{oops")).isInstanceOf(DpsException.class);
    }
}
