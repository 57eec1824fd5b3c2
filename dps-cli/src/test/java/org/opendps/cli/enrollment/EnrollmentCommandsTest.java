package org.opendps.cli.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendps.cli.Cli;
import org.opendps.cli.StubServiceApi;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.wire.json.EnrollmentJson;

/** The HTTP conversation of the enrollment commands, against a stub of the service API. */
class EnrollmentCommandsTest {
    private static final String PRIMARY = EnrollmentCreateOptionsTest.KEY_A;
    private static final String SECONDARY = EnrollmentCreateOptionsTest.KEY_B;
    private static final Revision REVISION = new Revision(2, Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-02T00:00:00Z"));
    private static final SymmetricKeyAttestation KEYS = new SymmetricKeyAttestation(PRIMARY, SECONDARY);

    private StubServiceApi stub;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServiceApi();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static String enrollment(String id) {
        IndividualEnrollment stored = new IndividualEnrollment(id, null, KEYS, EnrollmentSettings.DEFAULTS, null,
                REVISION);
        return new String(EnrollmentJson.writeEnrollment(stored, null), StandardCharsets.UTF_8);
    }

    private static String mechanism() {
        return new String(EnrollmentJson.writeAttestationMechanism(KEYS), StandardCharsets.UTF_8);
    }

    @Test
    void create_puts_without_if_match_then_shows_the_generated_keys() {
        stub.answer(200, enrollment("dev-1")).answer(200, mechanism());

        Cli.Result result = Cli.run(stub.args("enrollment", "create", "--registration-id", "dev-1"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        StubServiceApi.Request put = stub.requests().get(0);
        assertThat(put.method() + " " + put.path()).isEqualTo("PUT /enrollments/dev-1");
        assertThat(put.header("If-Match")).isNull();
        assertThat(EnrollmentJson.readEnrollment(put.body().getBytes(StandardCharsets.UTF_8)).item().attestation())
                .isEqualTo(new SymmetricKeyAttestation(null, null));
        assertThat(stub.requests().get(1).method() + " " + stub.requests().get(1).path())
                .isEqualTo("POST /enrollments/dev-1/attestationmechanism");
        assertThat(result.out()).contains("registrationId").contains("dev-1")
                .contains("primaryKey          " + PRIMARY).contains("secondaryKey        " + SECONDARY)
                .contains("reprovision         migrate").contains("etag                \"");
    }

    @Test
    void create_with_output_json_prints_the_enrollment_with_the_keys_in_its_attestation() {
        stub.answer(200, enrollment("dev-1")).answer(200, mechanism());

        Cli.Result result = Cli.run(stub.args("enrollment", "create", "--registration-id", "dev-1", "-o", "json"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"registrationId\" : \"dev-1\"").contains("\"primaryKey\" : \"" + PRIMARY);
        assertThat(EnrollmentJson.readEnrollment(result.out().getBytes(StandardCharsets.UTF_8)).item().attestation())
                .isEqualTo(KEYS);
    }

    @Test
    void create_of_a_taken_id_exits_4_with_the_server_message() {
        stub.answer(409, "{\"errorCode\":409201,\"message\":\"Enrollment 'dev-1' already exists.\"}");

        Cli.Result result = Cli.run(stub.args("enrollment", "create", "--registration-id", "dev-1"));

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).isEqualTo("error: Enrollment 'dev-1' already exists. (errorCode 409201)\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void show_hides_keys_unless_asked_and_a_missing_one_exits_3() {
        stub.answer(200, enrollment("dev-1"))
                .answer(404, "{\"errorCode\":404201,\"message\":\"Enrollment 'nope' was not found.\"}");

        Cli.Result shown = Cli.run(stub.args("enrollment", "show", "--registration-id", "dev-1"));
        Cli.Result missing = Cli.run(stub.args("enrollment", "show", "--registration-id", "nope"));

        assertThat(shown.out()).contains("hidden (--show-keys shows them)").doesNotContain(PRIMARY);
        assertThat(stub.requests()).hasSize(2);
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).isEqualTo("error: Enrollment 'nope' was not found. (errorCode 404201)\n");
    }

    @Test
    void update_puts_back_with_if_match_the_etag_it_read() {
        stub.answer(200, enrollment("dev-1")).answer(200, enrollment("dev-1"));

        Cli.Result result = Cli.run(stub.args("enrollment", "update", "--registration-id", "dev-1", "--disabled"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        StubServiceApi.Request put = stub.requests().get(1);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.header("If-Match")).isEqualTo(REVISION.etag());
        assertThat(put.body()).contains("\"provisioningStatus\":\"disabled\"").doesNotContain("symmetricKey\":{");
        assertThat(stub.requests()).hasSize(2); // keys unchanged: no attestationmechanism
    }

    @Test
    void update_with_force_sends_if_match_star_and_a_stale_etag_exits_4() {
        stub.answer(200, enrollment("dev-1")).answer(200, enrollment("dev-1"))
                .answer(200, enrollment("dev-1"))
                .answer(412, "{\"errorCode\":412002,\"message\":\"The ETag does not match.\"}");

        Cli.run(stub.args("enrollment", "update", "--registration-id", "dev-1", "--force", "--edge"));
        Cli.Result stale = Cli.run(stub.args("enrollment", "update", "--registration-id", "dev-1", "--etag",
                "\"old\"", "--edge"));

        assertThat(stub.requests().get(1).header("If-Match")).isEqualTo("*");
        assertThat(stub.requests().get(3).header("If-Match")).isEqualTo("\"old\"");
        assertThat(stale.exitCode()).isEqualTo(4);
    }

    @Test
    void delete_is_unconditional_unless_an_etag_is_given() {
        stub.answer(204, null).answer(204, null);

        Cli.Result result = Cli.run(stub.args("enrollment-group", "delete", "--group-id", "g1"));
        Cli.run(stub.args("enrollment-group", "delete", "--group-id", "g1", "--etag", "\"e\""));

        assertThat(result.out()).isEqualTo("Deleted enrollment group 'g1'.\n");
        assertThat(stub.requests().get(0).path()).isEqualTo("/enrollmentGroups/g1");
        assertThat(stub.requests().get(0).header("If-Match")).isNull();
        assertThat(stub.requests().get(1).header("If-Match")).isEqualTo("\"e\"");
    }

    @Test
    void list_queries_with_the_where_clause_and_follows_every_page() {
        String page1 = "[" + enrollment("a") + "," + enrollment("b") + "]";
        stub.answer(200, page1, Map.of("x-ms-continuation", "next", "x-ms-item-type", "enrollment"))
                .answer(200, "[" + enrollment("c") + "]", Map.of("x-ms-item-type", "enrollment"));

        Cli.Result result = Cli.run(stub.args("enrollment", "list", "--where", "provisioningStatus='disabled'",
                "--page-size", "2"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(stub.requests().get(0).path()).isEqualTo("/enrollments/query");
        assertThat(stub.requests().get(0).body())
                .isEqualTo("{\"query\":\"SELECT * FROM enrollments WHERE provisioningStatus='disabled'\"}");
        assertThat(stub.requests().get(0).header("x-ms-max-item-count")).isEqualTo("2");
        assertThat(stub.requests().get(1).header("x-ms-continuation")).isEqualTo("next");
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("REGISTRATION ID  DEVICE ID  ATTESTATION   STATUS");
        assertThat(lines.get(3)).startsWith("c                c          symmetricKey  enabled");
    }

    @Test
    void group_list_in_json_is_one_array_of_the_servers_items() {
        EnrollmentGroup group = new EnrollmentGroup("g1", KEYS, EnrollmentSettings.DEFAULTS, REVISION);
        stub.answer(200, new String(EnrollmentJson.writeGroups(List.of(group)), StandardCharsets.UTF_8));

        Cli.Result result = Cli.run(stub.args("enrollment-group", "list", "--output", "json"));

        assertThat(EnrollmentJson.readGroups(result.out().getBytes(StandardCharsets.UTF_8)))
                .extracting(d -> d.item().enrollmentGroupId()).containsExactly("g1");
        assertThat(stub.requests().get(0).body()).isEqualTo("{\"query\":\"SELECT * FROM enrollmentGroups\"}");
    }

    @Test
    void a_bad_key_exits_5_and_never_prints_the_key() {
        stub.answer(401, "{\"errorCode\":401001,\"message\":\"The shared access signature is not valid.\"}");

        Cli.Result result = Cli.run(stub.args("enrollment", "show", "--registration-id", "dev-1"));

        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(result.err()).isEqualTo("error: The shared access signature is not valid. (errorCode 401001)\n")
                .doesNotContain(StubServiceApi.KEY);
    }
}
