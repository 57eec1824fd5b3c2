package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.assertInvalidField;
import static org.opendps.wire.json.Fixtures.json;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.ProvisioningStatus;
import org.opendps.core.enrollment.ReprovisionPolicy;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.TpmAttestation;

/** What clients send, read into drafts; missing required fields name their full path. */
class EnrollmentJsonReadTest {

    private static IndividualEnrollment read(String singleQuoted) {
        return EnrollmentJson.readEnrollment(json(singleQuoted)).item();
    }

    @Test
    void read_enrollment_takes_java_sdk_symmetric_key_body() {
        Draft<IndividualEnrollment> draft = EnrollmentJson.readEnrollment(json("{'registrationId':'java-1',"
                + "'deviceId':'','attestation':{'type':'symmetricKey','symmetricKey':{'primaryKey':'',"
                + "'secondaryKey':''}},'capabilities':{'iotEdge':false},'etag':'\\'abc-1\\'',"
                + "'provisioningStatus':'enabled','reprovisionPolicy':{'updateHubAssignment':false,"
                + "'migrateDeviceData':false}}"));

        IndividualEnrollment e = draft.item();
        assertThat(e.registrationId()).isEqualTo("java-1");
        assertThat(e.deviceId()).isNull();
        assertThat(e.attestation()).isEqualTo(new SymmetricKeyAttestation("", ""));
        assertThat(e.settings().reprovisionPolicy()).isEqualTo(new ReprovisionPolicy(false, false));
        assertThat(draft.etag()).isEqualTo("\"abc-1\"");
    }

    @Test
    void read_enrollment_keeps_etag_exactly_as_sent_with_its_quotes() {
        Draft<IndividualEnrollment> draft = EnrollmentJson.readEnrollment(Fixtures.bytes(
                "{\"registrationId\":\"d\",\"attestation\":{\"type\":\"none\"},\"etag\":\"\\\"6b-2\\\"\"}"));

        assertThat(draft.etag()).isEqualTo("\"6b-2\"");
    }

    @Test
    void read_enrollment_applies_defaults_for_absent_settings() {
        IndividualEnrollment e = read("{'registrationId':'d','attestation':{'type':'symmetricKey'}}");

        assertThat(e.attestation()).isEqualTo(new SymmetricKeyAttestation(null, null));
        assertThat(e.settings().provisioningStatus()).isEqualTo(ProvisioningStatus.ENABLED);
        assertThat(e.settings().reprovisionPolicy()).isEqualTo(ReprovisionPolicy.DEFAULT);
        assertThat(e.settings().iotEdge()).isFalse();
        assertThat(e.settings().iotHubs()).isEmpty();
        assertThat(e.settings().allocationPolicy()).isNull();
        assertThat(e.settings().initialTwin()).isNull();
        assertThat(e.revision()).isNull();
    }

    @Test
    void read_enrollment_treats_null_as_absent() {
        IndividualEnrollment e = read("{'registrationId':'d','deviceId':null,'attestation':{'type':'tpm',"
                + "'tpm':{'endorsementKey':'RUs=','storageRootKey':null},'x509':null},'initialTwin':null,"
                + "'iotHubs':null,'reprovisionPolicy':null,'capabilities':null,'allocationPolicy':null}");

        assertThat(e.deviceId()).isNull();
        assertThat(e.attestation()).isEqualTo(new TpmAttestation("RUs=", null));
        assertThat(e.settings().reprovisionPolicy()).isEqualTo(ReprovisionPolicy.DEFAULT);
    }

    @Test
    void read_enrollment_fills_a_partial_reprovision_policy_with_azure_defaults() {
        IndividualEnrollment e = read("{'registrationId':'d','attestation':{'type':'none'},"
                + "'reprovisionPolicy':{'migrateDeviceData':false}}");

        assertThat(e.settings().reprovisionPolicy()).isEqualTo(new ReprovisionPolicy(true, false));
    }

    @Test
    void read_enrollment_reads_allocation_policy_and_enums_in_any_case() {
        IndividualEnrollment e = read("{'registrationId':'d','attestation':{'type':'SymmetricKey'},"
                + "'allocationPolicy':'GeoLatency','provisioningStatus':'Disabled'}");

        assertThat(e.settings().allocationPolicy()).isEqualTo(AllocationPolicy.GEO_LATENCY);
        assertThat(e.settings().provisioningStatus()).isEqualTo(ProvisioningStatus.DISABLED);
        assertThat(e.attestation()).isInstanceOf(SymmetricKeyAttestation.class);
    }

    @Test
    void read_enrollment_ignores_unknown_and_preview_fields() {
        IndividualEnrollment e = read("{'registrationId':'d','attestation':{'type':'none','future':1},"
                + "'clientCertificateIssuancePolicy':{'certificateAuthorityName':'ca'},'credentialPolicyName':'p'}");

        assertThat(e.registrationId()).isEqualTo("d");
    }

    @Test
    void read_enrollment_accepts_java_initial_twin_with_metadata_and_normalizes_it_to_compact_json() {
        IndividualEnrollment e = read("{'registrationId':'d','attestation':{'type':'none'},'initialTwin':"
                + "{ 'tags' : {'floor':3}, 'properties':{'desired':{'rate':1.50,'$metadata':"
                + "{'$lastUpdated':'2024-01-01T00:00:00Z'},'$version':1}}}}");

        assertThat(e.settings().initialTwin().json()).isEqualTo("{\"tags\":{\"floor\":3},\"properties\":"
                + "{\"desired\":{\"rate\":1.50,\"$metadata\":{\"$lastUpdated\":\"2024-01-01T00:00:00Z\"},"
                + "\"$version\":1}}}");
    }

    @Test
    void read_enrollment_keeps_twin_numbers_exact() {
        IndividualEnrollment e = read("{'registrationId':'d','attestation':{'type':'none'},"
                + "'initialTwin':{'tags':{'big':1e400,'long':123456789012345678901234567890}}}");

        assertThat(e.settings().initialTwin().json()).contains("1E+400").contains("123456789012345678901234567890");
    }

    @Test
    void read_enrollment_rejects_missing_registration_id() {
        assertInvalidField(() -> read("{'attestation':{'type':'none'}}"), "registrationId", "required");
        assertInvalidField(() -> read("{'registrationId':'','attestation':{'type':'none'}}"),
                "registrationId", "required");
    }

    @Test
    void read_group_rejects_missing_group_id() {
        assertInvalidField(() -> EnrollmentJson.readGroup(json("{'registrationId':'d','attestation':"
                + "{'type':'symmetricKey'}}")), "enrollmentGroupId", "required");
    }

    @Test
    void read_enrollment_rejects_missing_attestation() {
        assertInvalidField(() -> read("{'registrationId':'d'}"), "attestation", "required");
    }

    @Test
    void read_enrollment_rejects_attestation_without_type() {
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'symmetricKey':{}}}"),
                "attestation.type", "required; one of none, tpm, x509, symmetricKey");
    }

    @Test
    void read_enrollment_rejects_unknown_attestation_type() {
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'password'}}"),
                "attestation.type", "must be one of none, tpm, x509, symmetricKey");
    }

    @Test
    void read_enrollment_rejects_tpm_without_tpm_object() {
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'tpm'}}"),
                "attestation.tpm", "required");
    }

    @Test
    void read_enrollment_rejects_tpm_without_endorsement_key() {
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'tpm','tpm':"
                + "{'storageRootKey':'U1JL'}}}"), "attestation.tpm.endorsementKey", "required");
    }

    @Test
    void read_enrollment_rejects_custom_allocation_without_api_version() {
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'none'},"
                + "'customAllocationDefinition':{'webhookUrl':'https://x'}}"),
                "customAllocationDefinition.apiVersion", "required");
    }

    @Test
    void read_enrollment_rejects_unknown_enum_values() {
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'none'},"
                + "'provisioningStatus':'paused'}"), "provisioningStatus", "must be one of enabled, disabled");
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'none'},"
                + "'allocationPolicy':'random'}"), "allocationPolicy",
                "must be one of hashed, geoLatency, static, custom");
    }

    @Test
    void read_enrollment_reads_every_list_entry_type_checked() {
        IndividualEnrollment e = read("{'registrationId':'d','attestation':{'type':'none'},'iotHubs':['a','b']}");

        assertThat(e.settings().iotHubs()).isEqualTo(List.of("a", "b"));
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'none'},'iotHubs':['a',2]}"),
                "iotHubs[1]", "must be a string");
    }
}
