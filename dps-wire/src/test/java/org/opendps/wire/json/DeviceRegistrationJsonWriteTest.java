package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.EnrollmentJsonWriteTest.fieldNames;
import static org.opendps.wire.json.Fixtures.REVISION;
import static org.opendps.wire.json.Fixtures.text;
import static org.opendps.wire.json.Fixtures.tree;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsError;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.registration.RegistrationSubstatus;

/** What devices are told: RegistrationOperationStatus and DeviceRegistrationResult (protocol/dps-device.md §0, §1). */
class DeviceRegistrationJsonWriteTest {
    private static final String OPERATION = "4.0a1b2c3d.5e6f";

    private static DeviceRegistrationState assigned(String group, JsonText payload) {
        return new DeviceRegistrationState("dev-1", group, "hub-1.example.net", "dev-one", RegistrationStatus.ASSIGNED,
                RegistrationSubstatus.INITIAL_ASSIGNMENT, null, null, payload, REVISION);
    }

    private static JsonNode written(RegistrationOperationStatus status) {
        return tree(DeviceRegistrationJson.writeOperationStatus(status));
    }

    @Test
    void while_assigning_only_the_operation_and_the_status_are_written() {
        RegistrationOperationStatus assigning = new RegistrationOperationStatus(OPERATION,
                RegistrationStatus.ASSIGNING, null, 2);

        assertThat(text(DeviceRegistrationJson.writeOperationStatus(assigning)))
                .isEqualTo("{\"operationId\":\"" + OPERATION + "\",\"status\":\"assigning\"}");
    }

    @Test
    void assigned_carries_the_hub_the_device_id_and_azure_dates() {
        JsonNode json = written(new RegistrationOperationStatus(OPERATION, RegistrationStatus.ASSIGNED,
                assigned(null, null), 0));

        assertThat(fieldNames(json)).containsExactly("operationId", "status", "registrationState");
        assertThat(json.get("status").asText()).isEqualTo("assigned");
        JsonNode state = json.get("registrationState");
        assertThat(fieldNames(state)).containsExactly("registrationId", "createdDateTimeUtc", "assignedHub",
                "deviceId", "status", "substatus", "lastUpdatedDateTimeUtc", "etag");
        assertThat(state.get("assignedHub").asText()).isEqualTo("hub-1.example.net");
        assertThat(state.get("deviceId").asText()).isEqualTo("dev-one");
        assertThat(state.get("substatus").asText()).isEqualTo("initialAssignment");
        // Java's SDK splits dates on [.,Z]: always seven fraction digits, even for a whole second.
        assertThat(state.get("createdDateTimeUtc").asText()).isEqualTo("2024-03-01T10:15:30.1234567Z");
        assertThat(state.get("lastUpdatedDateTimeUtc").asText()).isEqualTo("2024-03-02T11:00:00.0000000Z");
        assertThat(state.get("etag").asText()).isEqualTo(REVISION.etag());
    }

    @Test
    void a_group_device_is_told_its_group_first_as_azure_orders_it() {
        JsonNode state = written(new RegistrationOperationStatus(OPERATION, RegistrationStatus.ASSIGNED,
                assigned("group-1", null), 0)).get("registrationState");

        assertThat(fieldNames(state).get(0)).isEqualTo("symmetricKey");
        assertThat(state.get("symmetricKey").toString()).isEqualTo("{\"enrollmentGroupId\":\"group-1\"}");
        assertThat(state.get("registrationId").asText()).isEqualTo("dev-1");
    }

    @Test
    void payload_is_written_only_when_it_is_an_object() {
        assertThat(payloadWritten(new JsonText("{\"hello\":\"device\"}"))).isEqualTo("{\"hello\":\"device\"}");
        assertThat(payloadWritten(new JsonText("[1,2]"))).isNull();
        assertThat(payloadWritten(new JsonText("\"words\""))).isNull();
        assertThat(payloadWritten(new JsonText("7"))).isNull();
    }

    @Test
    void failed_carries_what_the_service_gives_registration_id_status_error_code_and_message() {
        DeviceRegistrationState failed = new DeviceRegistrationState("dev-1", null, null, null,
                RegistrationStatus.FAILED, null, DpsError.NO_HUB_AVAILABLE.code(), "No linked IoT hub.", null,
                REVISION);

        JsonNode json = written(new RegistrationOperationStatus(OPERATION, RegistrationStatus.FAILED, failed, 0));

        assertThat(json.get("status").asText()).isEqualTo("failed");
        JsonNode state = json.get("registrationState");
        assertThat(state.get("registrationId").asText()).isEqualTo("dev-1");
        assertThat(state.get("status").asText()).isEqualTo("failed");
        assertThat(state.get("errorCode").isInt()).isTrue();
        assertThat(state.get("errorCode").asInt()).isEqualTo(400201);
        assertThat(state.get("errorMessage").asText()).isEqualTo("No linked IoT hub.");
        assertThat(state.has("assignedHub")).isFalse();
        assertThat(state.has("substatus")).isFalse();
    }

    @Test
    void disabled_keeps_the_previous_hub_when_the_service_gives_one() {
        DeviceRegistrationState disabled = new DeviceRegistrationState("dev-1", null, "hub-1.example.net", "dev-1",
                RegistrationStatus.DISABLED, null, DpsError.ENROLLMENT_DISABLED.code(), "The enrollment is disabled.",
                null, REVISION);

        JsonNode state = written(new RegistrationOperationStatus(OPERATION, RegistrationStatus.DISABLED, disabled,
                0)).get("registrationState");

        assertThat(state.get("status").asText()).isEqualTo("disabled");
        assertThat(state.get("errorCode").asInt()).isEqualTo(403001);
        assertThat(state.get("errorMessage").asText()).isEqualTo("The enrollment is disabled.");
        assertThat(state.get("assignedHub").asText()).isEqualTo("hub-1.example.net");
    }

    @Test
    void a_state_without_a_revision_has_no_dates_and_no_etag() {
        DeviceRegistrationState bare = new DeviceRegistrationState("dev-1", null, "h", "d",
                RegistrationStatus.ASSIGNED, null, null, null, null, null);

        assertThat(fieldNames(written(new RegistrationOperationStatus(OPERATION, RegistrationStatus.ASSIGNED, bare,
                0)).get("registrationState"))).containsExactly("registrationId", "assignedHub", "deviceId", "status");
    }

    @Test
    void the_status_lookup_answers_the_bare_registration_result() {
        JsonNode json = tree(DeviceRegistrationJson.writeRegistrationResult(
                assigned("group-1", new JsonText("{\"a\":1}"))));

        assertThat(fieldNames(json)).containsExactly("symmetricKey", "registrationId", "createdDateTimeUtc",
                "assignedHub", "deviceId", "status", "substatus", "lastUpdatedDateTimeUtc", "etag", "payload");
        assertThat(json.has("operationId")).isFalse();
    }

    private static String payloadWritten(JsonText payload) {
        JsonNode state = written(new RegistrationOperationStatus(OPERATION, RegistrationStatus.ASSIGNED,
                assigned(null, payload), 0)).get("registrationState");
        return state.has("payload") ? state.get("payload").toString() : null;
    }
}
