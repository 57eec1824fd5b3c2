package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.EnrollmentJsonWriteTest.fieldNames;
import static org.opendps.wire.json.Fixtures.REVISION;
import static org.opendps.wire.json.Fixtures.assertInvalidField;
import static org.opendps.wire.json.Fixtures.json;
import static org.opendps.wire.json.Fixtures.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.registration.RegistrationSubstatus;

class RegistrationStateJsonTest {

    private static DeviceRegistrationState state(JsonText payload) {
        return new DeviceRegistrationState("dev-1", "group-1", "hub-1.example.net", "dev-1",
                RegistrationStatus.ASSIGNED, RegistrationSubstatus.DEVICE_DATA_MIGRATED, null, null, payload, REVISION);
    }

    @Test
    void writes_azure_fields_in_order_and_omits_nulls() {
        JsonNode json = tree(RegistrationStateJson.write(state(new JsonText("{\"a\":1}"))));

        assertThat(fieldNames(json)).containsExactly("registrationId", "createdDateTimeUtc", "assignedHub",
                "deviceId", "status", "substatus", "lastUpdatedDateTimeUtc", "etag", "payload");
        assertThat(json.get("substatus").asText()).isEqualTo("deviceDataMigrated");
        assertThat(json.get("etag").asText()).isEqualTo(REVISION.etag());
        assertThat(json.get("payload").toString()).isEqualTo("{\"a\":1}");
    }

    @Test
    void writes_error_code_as_an_integer() {
        DeviceRegistrationState failed = new DeviceRegistrationState("dev-1", null, null, null,
                RegistrationStatus.FAILED, null, 400208, "no hub", null, REVISION);
        JsonNode json = tree(RegistrationStateJson.write(failed));

        assertThat(json.get("errorCode").isInt()).isTrue();
        assertThat(json.get("errorCode").asInt()).isEqualTo(400208);
        assertThat(json.get("errorMessage").asText()).isEqualTo("no hub");
        assertThat(json.has("assignedHub")).isFalse();
    }

    @Test
    void payload_is_written_only_as_an_object() {
        assertThat(tree(RegistrationStateJson.write(state(new JsonText("[1,2]")))).has("payload")).isFalse();
        assertThat(tree(RegistrationStateJson.write(state(new JsonText("42")))).has("payload")).isFalse();
        assertThat(tree(RegistrationStateJson.write(state(new JsonText("not json")))).has("payload")).isFalse();
    }

    @Test
    void payload_sent_by_java_as_a_string_holding_an_object_is_written_as_that_object() {
        JsonText javaPayload = new JsonText("\"{\\\"modelId\\\":\\\"dtmi:x;1\\\"}\"");

        assertThat(tree(RegistrationStateJson.write(state(javaPayload))).get("payload").toString())
                .isEqualTo("{\"modelId\":\"dtmi:x;1\"}");
    }

    @Test
    void reads_back_what_it_writes_except_the_group() {
        DeviceRegistrationState sent = state(new JsonText("{\"a\":[1,{\"b\":null}]}"));

        DeviceRegistrationState read = RegistrationStateJson.read(RegistrationStateJson.write(sent));

        assertThat(read).isEqualTo(new DeviceRegistrationState("dev-1", null, "hub-1.example.net", "dev-1",
                RegistrationStatus.ASSIGNED, RegistrationSubstatus.DEVICE_DATA_MIGRATED, null, null,
                sent.payload(), REVISION));
        assertThat(RegistrationStateJson.readList(RegistrationStateJson.writeList(List.of(sent, sent)))).hasSize(2);
    }

    @Test
    void list_is_a_json_array() {
        assertThat(tree(RegistrationStateJson.writeList(List.of())).toString()).isEqualTo("[]");
    }

    @Test
    void read_rejects_unknown_status() {
        assertInvalidField(() -> RegistrationStateJson.read(json("{'registrationId':'d','status':'done'}")),
                "status", "must be one of unassigned, assigning, assigned, failed, disabled");
        assertInvalidField(() -> RegistrationStateJson.read(json("{'registrationId':'d','status':'failed',"
                + "'errorCode':'400208'}")), "errorCode", "must be an integer");
    }
}
