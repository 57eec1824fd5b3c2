package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.FULL_SETTINGS;
import static org.opendps.wire.json.Fixtures.PRIMARY_KEY;
import static org.opendps.wire.json.Fixtures.REVISION;
import static org.opendps.wire.json.Fixtures.SECONDARY_KEY;
import static org.opendps.wire.json.Fixtures.json;
import static org.opendps.wire.json.Fixtures.text;
import static org.opendps.wire.json.Fixtures.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.core.allocation.AllocationWebhook.Request;
import org.opendps.core.allocation.AllocationWebhook.Result;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.TpmAttestation;
import org.opendps.core.error.DpsError;

/** The AllocationRequest as concepts-custom-allocation.md shows it, and the how-to's table of outcomes. */
class AllocationWebhookJsonTest {
    private static final List<String> HUBS = List.of("hub-1.example.net", "Hub-2.Example.net");
    private static final SymmetricKeyAttestation KEYS = new SymmetricKeyAttestation(PRIMARY_KEY, SECONDARY_KEY);
    private static final IndividualEnrollment ENROLLMENT =
            new IndividualEnrollment("device-1", "dev-1", KEYS, FULL_SETTINGS, null, REVISION);
    private static final EnrollmentGroup GROUP = new EnrollmentGroup("group-1", KEYS, FULL_SETTINGS, REVISION);

    private static Request individual(AttestationType type, JsonText payload) {
        return new Request(ENROLLMENT, null, "device-1", null, null, type, payload, HUBS);
    }

    @Test
    void individual_request_embeds_the_enrollment_as_get_shows_it_without_keys() {
        byte[] body = AllocationWebhookJson.writeRequest(individual(AttestationType.SYMMETRIC_KEY, null));
        JsonNode json = tree(body);

        assertThat(json.get("individualEnrollment")).isEqualTo(tree(EnrollmentJson.writeEnrollment(ENROLLMENT, null)));
        assertThat(json.get("individualEnrollment").get("attestation").toString())
                .isEqualTo("{\"type\":\"symmetricKey\"}");
        assertThat(json.has("enrollmentGroup")).isFalse();
        assertThat(text(body)).doesNotContain(PRIMARY_KEY).doesNotContain(SECONDARY_KEY);
        assertThat(json.get("deviceRuntimeContext").toString())
                .isEqualTo("{\"registrationId\":\"device-1\",\"symmetricKey\":{}}");
        assertThat(json.get("linkedHubs").toString()).isEqualTo("[\"hub-1.example.net\",\"Hub-2.Example.net\"]");
    }

    @Test
    void group_request_embeds_the_group_and_field_order_follows_azure_sample() {
        Request request = new Request(null, GROUP, "device-7", "hub-1.example.net", "device-7",
                AttestationType.X509, null, HUBS);
        JsonNode json = tree(AllocationWebhookJson.writeRequest(request));

        assertThat(json.fieldNames()).toIterable()
                .containsExactly("enrollmentGroup", "deviceRuntimeContext", "linkedHubs");
        assertThat(json.get("enrollmentGroup")).isEqualTo(tree(EnrollmentJson.writeGroup(GROUP)));
        assertThat(json.get("deviceRuntimeContext").toString()).isEqualTo("{\"registrationId\":\"device-7\","
                + "\"currentIotHubHostName\":\"hub-1.example.net\",\"currentDeviceId\":\"device-7\",\"x509\":{}}");
    }

    @Test
    void runtime_context_names_tpm_omits_none_and_carries_the_payload_as_json() {
        JsonText payload = new JsonText("{\"model\":\"toaster\",\"rate\":1.50}");
        String tpm = text(AllocationWebhookJson.writeRequest(individual(AttestationType.TPM, payload)));
        JsonNode none = tree(AllocationWebhookJson.writeRequest(individual(AttestationType.NONE, null)));

        // Text, not a tree: the test's plain reader would turn 1.50 into 1.5, and the webhook must see what was sent.
        assertThat(tpm).contains("\"deviceRuntimeContext\":"
                + "{\"registrationId\":\"device-1\",\"tpm\":{},\"payload\":{\"model\":\"toaster\",\"rate\":1.50}}");
        assertThat(none.get("deviceRuntimeContext").toString()).isEqualTo("{\"registrationId\":\"device-1\"}");
    }

    @Test
    void tpm_enrollment_shows_its_endorsement_key_as_get_does() {
        IndividualEnrollment tpm = new IndividualEnrollment("device-1", null, new TpmAttestation("AToAAQ==", null),
                EnrollmentSettings.DEFAULTS, null, REVISION);
        JsonNode json = tree(AllocationWebhookJson.writeRequest(
                new Request(tpm, null, "device-1", null, null, AttestationType.TPM, null, List.of())));

        assertThat(json.get("individualEnrollment").get("attestation").toString())
                .isEqualTo("{\"type\":\"tpm\",\"tpm\":{\"endorsementKey\":\"AToAAQ==\"}}");
        assertThat(json.get("linkedHubs").toString()).isEqualTo("[]");
    }

    @Test
    void ok_with_a_linked_hub_allocates_with_twin_and_payload() {
        Result result = AllocationWebhookJson.readResponse(200, json("{'iotHubHostName':'hub-1.example.net',"
                + "'initialTwin':{'tags':{'t':true},'properties':{'desired':{'p':1}}},'payload':{'a':'b'}}"), HUBS);

        assertThat(result).isEqualTo(new Result.Allocated("hub-1.example.net",
                new JsonText("{\"tags\":{\"t\":true},\"properties\":{\"desired\":{\"p\":1}}}"),
                new JsonText("{\"a\":\"b\"}")));
    }

    @Test
    void hub_matches_in_any_case_and_comes_back_spelled_as_linked() {
        Result result = AllocationWebhookJson.readResponse(200,
                json("{'iotHubHostName':'hub-2.example.NET','initialTwin':null}"), HUBS);

        assertThat(result).isEqualTo(new Result.Allocated("Hub-2.Example.net", null, null));
    }

    @Test
    void field_names_bind_in_any_case_as_dotnet_does() {
        Result result = AllocationWebhookJson.readResponse(200,
                json("{'iotHubHostname':'hub-1.example.net','Payload':{'x':1}}"), HUBS);

        assertThat(result).isEqualTo(new Result.Allocated("hub-1.example.net", null, new JsonText("{\"x\":1}")));
    }

    @Test
    void ok_without_a_hub_fails_with_400208() {
        for (String body : List.of("{}", "{'iotHubHostName':null}", "{'iotHubHostName':''}", "{'payload':{}}")) {
            assertThat(AllocationWebhookJson.readResponse(200, json(body), HUBS))
                    .isInstanceOfSatisfying(Result.Refused.class, r -> assertThat(r.error())
                            .isEqualTo(DpsError.CUSTOM_ALLOCATION_IOTHUB_NOT_SPECIFIED));
        }
    }

    @Test
    void a_hub_that_is_not_linked_fails_with_400207() {
        assertThat(AllocationWebhookJson.readResponse(200, json("{'iotHubHostName':'evil.example.net'}"), HUBS))
                .isEqualTo(new Result.Refused(DpsError.CUSTOM_ALLOCATION_FAILED, "The custom allocation webhook "
                        + "chose 'evil.example.net', which is not a linked hub."));
    }

    @Test
    void unauthorized_fails_with_400209() {
        assertThat(AllocationWebhookJson.readResponse(401, json("{'error':'bad key'}"), HUBS))
                .isEqualTo(new Result.Refused(DpsError.CUSTOM_ALLOCATION_UNAUTHORIZED_ACCESS,
                        "The custom allocation webhook answered 401."));
    }

    @Test
    void status_429_and_above_is_retried() {
        for (int status : List.of(429, 500, 502, 503, 504)) {
            assertThat(AllocationWebhookJson.readResponse(status, null, HUBS)).isInstanceOf(Result.TryLater.class);
        }
    }

    @Test
    void anything_else_fails_with_400207_and_the_status() {
        for (int status : List.of(201, 204, 302, 400, 403, 404, 428)) {
            assertThat(AllocationWebhookJson.readResponse(status, new byte[0], HUBS)).isEqualTo(new Result.Refused(
                    DpsError.CUSTOM_ALLOCATION_FAILED, "The custom allocation webhook answered " + status + "."));
        }
    }

    @Test
    void ok_with_a_body_that_is_not_an_object_or_a_bad_twin_fails_with_400207() {
        for (String body : List.of("", "[]", "\"hub-1.example.net\"", "{not json", "{'iotHubHostName':7}",
                "{'iotHubHostName':'hub-1.example.net','initialTwin':'{}'}",
                "{'iotHubHostName':'hub-1.example.net','initialTwin':{'tags':[]}}",
                "{'iotHubHostName':'hub-1.example.net','payload':[1]}")) {
            assertThat(AllocationWebhookJson.readResponse(200, json(body), HUBS))
                    .as(body).isInstanceOfSatisfying(Result.Refused.class, r -> assertThat(r.error())
                            .isEqualTo(DpsError.CUSTOM_ALLOCATION_FAILED));
        }
    }

    @Test
    void failure_quotes_a_short_single_line_excerpt_with_query_strings_masked() {
        String echoed = "Error\r\n calling https://hooks.example.net/api/allocate?code=SECRET-KEY&x=1 "
                + "z".repeat(500);
        Result.Refused refused =
                (Result.Refused) AllocationWebhookJson.readResponse(400, Fixtures.bytes(echoed), HUBS);

        assertThat(refused.message()).startsWith("The custom allocation webhook answered 400: Error calling "
                + "https://hooks.example.net/api/allocate?*** zzz").doesNotContain("SECRET").doesNotContain("\n");
        assertThat(refused.message().length()).isLessThan(300);
    }
}
