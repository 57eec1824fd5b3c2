package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.assertInvalidField;
import static org.opendps.wire.json.Fixtures.bytes;
import static org.opendps.wire.json.Fixtures.failure;
import static org.opendps.wire.json.Fixtures.json;

import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsError;
import org.opendps.wire.json.DeviceRegistrationJson.DeviceRegistrationBody;

/** DeviceRegistration bodies exactly as the official device SDKs send them (protocol/dps-device.md §1). */
class DeviceRegistrationJsonReadTest {

    @Test
    void java_sends_its_payload_as_a_string_holding_json_and_the_object_inside_is_kept() {
        DeviceRegistrationBody body = DeviceRegistrationJson.readRequest(
                bytes("{\"registrationId\":\"dev-1\",\"payload\":\"{\\\"modelId\\\":\\\"dtmi:x;1\\\"}\"}"));

        assertThat(body.registrationId()).isEqualTo("dev-1");
        assertThat(body.payload()).isEqualTo(new JsonText("{\"modelId\":\"dtmi:x;1\"}"));
        assertThat(body.tpmEndorsementKey()).isNull();
    }

    @Test
    void java_without_a_payload_sends_only_the_registration_id() {
        assertThat(DeviceRegistrationJson.readRequest(json("{'registrationId':'dev-1'}")))
                .isEqualTo(new DeviceRegistrationBody("dev-1", null, null, null));
    }

    @Test
    void node_sends_an_object_payload() {
        DeviceRegistrationBody body = DeviceRegistrationJson.readRequest(
                json("{'registrationId':'dev:1','payload':{'modelId':'dtmi:x;1','n':[1,2.50]}}"));

        assertThat(body.registrationId()).isEqualTo("dev:1");
        assertThat(body.payload()).isEqualTo(new JsonText("{\"modelId\":\"dtmi:x;1\",\"n\":[1,2.50]}"));
    }

    @Test
    void c_sends_spaces_an_object_payload_and_for_tpm_both_keys() {
        DeviceRegistrationBody symmetric = DeviceRegistrationJson.readRequest(
                bytes("{ \"registrationId\":\"dev-1\", \"payload\": { \"a\": true } }"));
        DeviceRegistrationBody tpm = DeviceRegistrationJson.readRequest(bytes("{ \"registrationId\":\"tpm-1\", "
                + "\"tpm\":{\"endorsementKey\":\"RUs=\", \"storageRootKey\":\"U1JL\"} }"));

        assertThat(symmetric.payload()).isEqualTo(new JsonText("{\"a\":true}"));
        assertThat(tpm).isEqualTo(new DeviceRegistrationBody("tpm-1", null, "RUs=", "U1JL"));
    }

    @Test
    void payload_of_any_other_json_value_is_kept_as_sent() {
        assertThat(payloadOf("'plain words'")).isEqualTo(new JsonText("\"plain words\""));
        assertThat(payloadOf("'[1,2]'")).isEqualTo(new JsonText("\"[1,2]\""));
        assertThat(payloadOf("'{not json'")).isEqualTo(new JsonText("\"{not json\""));
        assertThat(payloadOf("[1,'a']")).isEqualTo(new JsonText("[1,\"a\"]"));
        assertThat(payloadOf("42")).isEqualTo(new JsonText("42"));
        assertThat(payloadOf("false")).isEqualTo(new JsonText("false"));
        assertThat(payloadOf("null")).isNull();
    }

    @Test
    void a_string_holding_an_object_with_trailing_text_stays_a_string() {
        assertThat(payloadOf("'{}x'")).isEqualTo(new JsonText("\"{}x\""));
    }

    @Test
    void empty_registration_id_means_absent() {
        assertThat(DeviceRegistrationJson.readRequest(json("{'registrationId':''}")).registrationId()).isNull();
    }

    @Test
    void fields_of_the_wrong_type_are_400s_that_name_the_field() {
        assertInvalidField(() -> DeviceRegistrationJson.readRequest(json("{'registrationId':5}")),
                "registrationId", "must be a string");
        assertInvalidField(() -> DeviceRegistrationJson.readRequest(json("{'tpm':'RUs='}")),
                "tpm", "must be an object");
        assertInvalidField(() -> DeviceRegistrationJson.readRequest(json("{'tpm':{'endorsementKey':1}}")),
                "tpm.endorsementKey", "must be a string");
        assertInvalidField(() -> DeviceRegistrationJson.readRequest(json("{'tpm':{'storageRootKey':[]}}")),
                "tpm.storageRootKey", "must be a string");
    }

    @Test
    void a_body_that_is_not_an_object_is_invalid_json() {
        assertThat(failure(() -> DeviceRegistrationJson.readRequest(json("['dev-1']"))).error())
                .isEqualTo(DpsError.INVALID_JSON);
        assertThat(failure(() -> DeviceRegistrationJson.readOptionalRequest(json("{'registrationId':"))).error())
                .isEqualTo(DpsError.INVALID_JSON);
    }

    @Test
    void an_empty_body_is_refused_unless_the_caller_allows_it() {
        assertThat(failure(() -> DeviceRegistrationJson.readRequest(new byte[0])).getMessage())
                .isEqualTo("The body is empty.");

        assertThat(DeviceRegistrationJson.readOptionalRequest(null)).isEqualTo(DeviceRegistrationBody.EMPTY);
        assertThat(DeviceRegistrationJson.readOptionalRequest(new byte[0])).isEqualTo(DeviceRegistrationBody.EMPTY);
        assertThat(DeviceRegistrationJson.readOptionalRequest(bytes(" \r\n"))).isEqualTo(DeviceRegistrationBody.EMPTY);
        assertThat(DeviceRegistrationJson.readOptionalRequest(bytes("{}"))).isEqualTo(DeviceRegistrationBody.EMPTY);
    }

    private static JsonText payloadOf(String singleQuotedValue) {
        return DeviceRegistrationJson.readRequest(json("{'registrationId':'d','payload':" + singleQuotedValue + "}"))
                .payload();
    }
}
