package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.CREATED;
import static org.opendps.wire.json.Fixtures.FULL_SETTINGS;
import static org.opendps.wire.json.Fixtures.INFO;
import static org.opendps.wire.json.Fixtures.PRIMARY_KEY;
import static org.opendps.wire.json.Fixtures.REVISION;
import static org.opendps.wire.json.Fixtures.SECONDARY_KEY;
import static org.opendps.wire.json.Fixtures.text;
import static org.opendps.wire.json.Fixtures.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.NoAttestation;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.TpmAttestation;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509Entry;
import org.opendps.core.enrollment.X509Kind;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.registration.RegistrationSubstatus;

/** The exact shapes that Java's SDK, Node's SDK and the Azure CLI read. */
class EnrollmentJsonWriteTest {
    private static final SymmetricKeyAttestation KEYS = new SymmetricKeyAttestation(PRIMARY_KEY, SECONDARY_KEY);

    private static IndividualEnrollment enrollment(Attestation attestation) {
        return new IndividualEnrollment("device-1", null, attestation, EnrollmentSettings.DEFAULTS, null, REVISION);
    }

    @Test
    void get_of_symmetric_key_enrollment_shows_type_only() {
        JsonNode json = tree(EnrollmentJson.writeEnrollment(enrollment(KEYS), null));

        assertThat(json.get("attestation").toString()).isEqualTo("{\"type\":\"symmetricKey\"}");
        assertThat(text(EnrollmentJson.writeEnrollment(enrollment(KEYS), null)))
                .doesNotContain(PRIMARY_KEY).doesNotContain(SECONDARY_KEY);
    }

    @Test
    void group_get_shows_no_keys_either() {
        EnrollmentGroup group = new EnrollmentGroup("group-1", KEYS, EnrollmentSettings.DEFAULTS, REVISION);

        assertThat(tree(EnrollmentJson.writeGroup(group)).get("attestation").toString())
                .isEqualTo("{\"type\":\"symmetricKey\"}");
        assertThat(text(EnrollmentJson.writeGroups(List.of(group)))).doesNotContain(PRIMARY_KEY);
    }

    @Test
    void attestation_mechanism_shows_keys() {
        JsonNode json = tree(EnrollmentJson.writeAttestationMechanism(KEYS));

        assertThat(json.get("type").asText()).isEqualTo("symmetricKey");
        assertThat(json.at("/symmetricKey/primaryKey").asText()).isEqualTo(PRIMARY_KEY);
        assertThat(json.at("/symmetricKey/secondaryKey").asText()).isEqualTo(SECONDARY_KEY);
    }

    @Test
    void etag_is_quoted_and_dates_have_seven_fraction_digits() {
        JsonNode json = tree(EnrollmentJson.writeEnrollment(enrollment(KEYS), null));

        assertThat(json.get("etag").asText()).isEqualTo(REVISION.etag()).startsWith("\"").endsWith("\"");
        assertThat(json.get("createdDateTimeUtc").asText()).isEqualTo("2024-03-01T10:15:30.1234567Z");
        assertThat(json.get("lastUpdatedDateTimeUtc").asText()).isEqualTo("2024-03-02T11:00:00.0000000Z");
    }

    @Test
    void defaults_write_capabilities_status_and_reprovision_policy_and_omit_unset_fields() {
        JsonNode json = tree(EnrollmentJson.writeEnrollment(enrollment(KEYS), null));

        assertThat(json.get("capabilities").toString()).isEqualTo("{\"iotEdge\":false}");
        assertThat(json.get("provisioningStatus").asText()).isEqualTo("enabled");
        assertThat(json.get("reprovisionPolicy").toString())
                .isEqualTo("{\"updateHubAssignment\":true,\"migrateDeviceData\":true}");
        assertThat(json.has("deviceId")).isFalse();
        assertThat(json.has("registrationState")).isFalse();
        assertThat(json.has("iotHubs")).isFalse();
        assertThat(json.has("iotHubHostName")).isFalse();
        assertThat(json.has("initialTwin")).isFalse();
        assertThat(json.has("allocationPolicy")).isFalse();
        assertThat(json.has("customAllocationDefinition")).isFalse();
        assertThat(json.has("optionalDeviceInformation")).isFalse();
        assertThat(text(EnrollmentJson.writeEnrollment(enrollment(KEYS), null))).doesNotContain("null");
    }

    @Test
    void writes_fields_in_azure_order() {
        IndividualEnrollment full = new IndividualEnrollment("device-1", "dev-1", KEYS, FULL_SETTINGS,
                new JsonText("{\"model\":\"x\"}"), REVISION);
        List<String> names = fieldNames(tree(EnrollmentJson.writeEnrollment(full, registered())));

        assertThat(names).containsExactly("registrationId", "deviceId", "registrationState", "attestation",
                "capabilities", "iotHubHostName", "initialTwin", "etag", "provisioningStatus", "reprovisionPolicy",
                "createdDateTimeUtc", "lastUpdatedDateTimeUtc", "allocationPolicy", "iotHubs",
                "customAllocationDefinition", "optionalDeviceInformation");
    }

    @Test
    void twin_and_device_information_are_embedded_objects_not_strings() {
        IndividualEnrollment full = new IndividualEnrollment("device-1", null, KEYS, FULL_SETTINGS,
                new JsonText("{\"model\":\"x\"}"), REVISION);
        JsonNode json = tree(EnrollmentJson.writeEnrollment(full, null));

        assertThat(json.get("initialTwin").isObject()).isTrue();
        assertThat(json.at("/initialTwin/tags/floor").asInt()).isEqualTo(3);
        assertThat(json.at("/initialTwin/properties/desired/rate").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(json.get("optionalDeviceInformation").toString()).isEqualTo("{\"model\":\"x\"}");
    }

    @Test
    void registration_state_is_embedded_with_its_own_dates() {
        JsonNode json = tree(EnrollmentJson.writeEnrollment(enrollment(KEYS), registered()));

        JsonNode state = json.get("registrationState");
        assertThat(state.get("registrationId").asText()).isEqualTo("device-1");
        assertThat(state.get("status").asText()).isEqualTo("assigned");
        assertThat(state.get("assignedHub").asText()).isEqualTo("hub-1.example.net");
        assertThat(state.get("createdDateTimeUtc").asText()).isEqualTo("2024-03-01T10:15:30.1234567Z");
    }

    @Test
    void query_page_is_an_array_with_each_enrollments_state() {
        IndividualEnrollment other = new IndividualEnrollment("device-2", null, KEYS, EnrollmentSettings.DEFAULTS,
                null, REVISION);
        Map<String, DeviceRegistrationState> states = Map.of("device-1", registered());
        JsonNode json = tree(EnrollmentJson.writeEnrollments(List.of(enrollment(KEYS), other), states::get));

        assertThat(json.isArray()).isTrue();
        assertThat(json.get(0).has("registrationState")).isTrue();
        assertThat(json.get(1).has("registrationState")).isFalse();
    }

    @Test
    void x509_entries_are_written_as_info_without_certificate() {
        X509Attestation x509 = new X509Attestation(X509Kind.CLIENT_CERTIFICATES,
                X509Entry.ofCertificate("TUlJQmJhc2U2NA==", INFO), X509Entry.ofCertificate("U2Vjb25k", INFO));
        JsonNode json = tree(EnrollmentJson.writeEnrollment(enrollment(x509), null));

        JsonNode primary = json.at("/attestation/x509/clientCertificates/primary");
        assertThat(fieldNames(primary)).containsExactly("info");
        assertThat(fieldNames(primary.get("info"))).containsExactly("subjectName", "sha1Thumbprint",
                "sha256Thumbprint", "issuerName", "notBeforeUtc", "notAfterUtc", "serialNumber", "version");
        assertThat(primary.at("/info/notBeforeUtc").asText()).isEqualTo("2024-01-01T00:00:00.0000000Z");
        assertThat(primary.at("/info/version").isInt()).isTrue();
        assertThat(json.at("/attestation/x509/clientCertificates/secondary/info/subjectName").asText())
                .isEqualTo("CN=device-1, O=Test");
        assertThat(text(EnrollmentJson.writeEnrollment(enrollment(x509), null))).doesNotContain("TUlJQmJhc2U2NA");
    }

    @Test
    void ca_references_are_written_as_names() {
        X509Attestation x509 = new X509Attestation(X509Kind.CA_REFERENCES, X509Entry.ofCaReference("root-ca"), null);
        EnrollmentGroup group = new EnrollmentGroup("group-1", x509, EnrollmentSettings.DEFAULTS, REVISION);

        assertThat(tree(EnrollmentJson.writeGroup(group)).get("attestation").toString())
                .isEqualTo("{\"type\":\"x509\",\"x509\":{\"caReferences\":{\"primary\":\"root-ca\"}}}");
    }

    @Test
    void tpm_writes_both_keys() {
        JsonNode json = tree(EnrollmentJson.writeEnrollment(enrollment(new TpmAttestation("RUs=", "U1JL")), null));

        assertThat(json.get("attestation").toString())
                .isEqualTo("{\"type\":\"tpm\",\"tpm\":{\"endorsementKey\":\"RUs=\",\"storageRootKey\":\"U1JL\"}}");
    }

    @Test
    void none_writes_type_only() {
        assertThat(tree(EnrollmentJson.writeEnrollment(enrollment(new NoAttestation()), null)).get("attestation")
                .toString()).isEqualTo("{\"type\":\"none\"}");
    }

    @Test
    void group_has_no_individual_fields() {
        EnrollmentGroup group = new EnrollmentGroup("group-1", KEYS, FULL_SETTINGS, REVISION);
        JsonNode json = tree(EnrollmentJson.writeGroup(group));

        assertThat(json.get("enrollmentGroupId").asText()).isEqualTo("group-1");
        assertThat(json.has("registrationId")).isFalse();
        assertThat(json.has("deviceId")).isFalse();
        assertThat(json.has("registrationState")).isFalse();
        assertThat(json.at("/iotHubs/1").asText()).isEqualTo("hub-2.example.net");
    }

    @Test
    void request_form_carries_keys_certificate_text_and_etag_but_no_dates() {
        X509Attestation x509 = new X509Attestation(X509Kind.CLIENT_CERTIFICATES,
                X509Entry.ofCertificate("-----BEGIN CERTIFICATE-----\nabc\n-----END CERTIFICATE-----", null), null);
        JsonNode keys = tree(EnrollmentJson.writeEnrollmentRequest(enrollment(KEYS), "\"etag-1\""));
        JsonNode cert = tree(EnrollmentJson.writeEnrollmentRequest(enrollment(x509), null));

        assertThat(keys.at("/attestation/symmetricKey/primaryKey").asText()).isEqualTo(PRIMARY_KEY);
        assertThat(keys.get("etag").asText()).isEqualTo("\"etag-1\"");
        assertThat(keys.has("createdDateTimeUtc")).isFalse();
        assertThat(cert.at("/attestation/x509/clientCertificates/primary/certificate").asText()).contains("abc");
        assertThat(cert.has("etag")).isFalse();
    }

    @Test
    void output_is_utf8() {
        IndividualEnrollment named = new IndividualEnrollment("device-1", null, KEYS,
                new EnrollmentSettings(false, null, new JsonText("{\"tags\":{\"city\":\"Zürich\"}}"),
                        FULL_SETTINGS.provisioningStatus(), FULL_SETTINGS.reprovisionPolicy(), null, null, null),
                null, REVISION);

        assertThat(text(EnrollmentJson.writeEnrollment(named, null))).contains("Zürich");
    }

    static DeviceRegistrationState registered() {
        return new DeviceRegistrationState("device-1", null, "hub-1.example.net", "device-1",
                RegistrationStatus.ASSIGNED, RegistrationSubstatus.INITIAL_ASSIGNMENT, null, null, null,
                new Revision(1, CREATED, CREATED));
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
