package org.opendps.cli.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendps.cli.Cli;
import org.opendps.cli.StubServiceApi;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.security.AccessRight;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.wire.json.PolicyJson;
import org.opendps.wire.json.RegistrationStateJson;

/** The HTTP conversation of the policy and registration commands, against a stub of the service API. */
class PolicyAndRegistrationCommandsTest {
    private static final String KEY_1 = "MTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTE=";
    private static final String KEY_2 = "MjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjI=";
    private static final SharedAccessPolicy READER = new SharedAccessPolicy("reader", KEY_1, KEY_2,
            EnumSet.of(AccessRight.ENROLLMENT_READ, AccessRight.REGISTRATION_STATUS_READ));

    private StubServiceApi stub;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServiceApi();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static String json(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String notFound() {
        return "{\"errorCode\":404204,\"message\":\"Policy 'reader' was not found.\"}";
    }

    @Test
    void create_puts_the_rights_with_empty_keys_and_prints_the_generated_keys_and_connection_string() {
        stub.answer(404, notFound()).answer(200, json(PolicyJson.write(READER)));

        Cli.Result result = Cli.run(stub.args("policy", "create", "reader", "--rights",
                "EnrollmentRead,registrationstatusread"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        StubServiceApi.Request put = stub.requests().get(1);
        assertThat(put.method() + " " + put.path()).isEqualTo("PUT /policies/reader");
        SharedAccessPolicy sent = PolicyJson.read(put.body().getBytes(StandardCharsets.UTF_8));
        assertThat(sent.rights()).isEqualTo(READER.rights());
        assertThat(sent.primaryKey()).isEmpty();
        assertThat(result.out()).contains("rights            EnrollmentRead, RegistrationStatusRead")
                .contains("primaryKey        " + KEY_1)
                .contains("connectionString  HostName=stub.example;SharedAccessKeyName=reader;SharedAccessKey="
                        + KEY_1);
    }

    @Test
    void create_of_a_taken_name_exits_4_without_replacing_it() {
        stub.answer(200, json(PolicyJson.write(READER)));

        Cli.Result result = Cli.run(stub.args("policy", "create", "reader", "--rights", "EnrollmentRead"));

        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(result.err()).startsWith("error: policy 'reader' already exists");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void an_unknown_right_is_a_usage_error() {
        Cli.Result result = Cli.run(stub.args("policy", "create", "reader", "--rights", "Everything"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("ServiceConfig");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void update_with_regenerate_keys_sends_two_fresh_keys_and_keeps_the_rights() {
        stub.answer(200, json(PolicyJson.write(READER))).answer(200, json(PolicyJson.write(READER)));

        Cli.Result result = Cli.run(stub.args("policy", "update", "reader", "--regenerate-keys"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        SharedAccessPolicy sent = PolicyJson.read(stub.requests().get(1).body().getBytes(StandardCharsets.UTF_8));
        assertThat(sent.primaryKey()).hasSize(88).isNotEqualTo(KEY_1).isNotEqualTo(sent.secondaryKey());
        assertThat(sent.secondaryKey()).hasSize(88).isNotEqualTo(KEY_2);
        assertThat(sent.rights()).isEqualTo(READER.rights());
    }

    @Test
    void update_of_rights_sends_empty_keys_so_the_server_keeps_them() {
        stub.answer(200, json(PolicyJson.write(READER))).answer(200, json(PolicyJson.write(READER)));

        Cli.run(stub.args("policy", "update", "reader", "--rights", "ServiceConfig"));

        SharedAccessPolicy sent = PolicyJson.read(stub.requests().get(1).body().getBytes(StandardCharsets.UTF_8));
        assertThat(sent.rights()).isEqualTo(Set.of(AccessRight.SERVICE_CONFIG));
        assertThat(sent.primaryKey()).isEmpty();
        assertThat(sent.secondaryKey()).isEmpty();
    }

    @Test
    void list_shows_names_and_rights_but_no_keys() {
        stub.answer(200, json(PolicyJson.writeList(List.of(READER))));

        Cli.Result result = Cli.run(stub.args("policy", "list"));

        assertThat(result.out()).isEqualTo("KEY NAME  RIGHTS\nreader    EnrollmentRead, RegistrationStatusRead\n");
    }

    @Test
    void registration_list_by_group_and_all() {
        DeviceRegistrationState state = new DeviceRegistrationState("dev-1", "g1", "hub.example", "dev-1",
                RegistrationStatus.ASSIGNED, null, null, null, null,
                new Revision(1, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:01Z")));
        stub.answer(200, json(RegistrationStateJson.writeList(List.of(state)))).answer(200, "[]");

        Cli.Result byGroup = Cli.run(stub.args("registration", "list", "--group", "g1"));
        Cli.Result all = Cli.run(stub.args("registration", "list"));

        assertThat(stub.requests().get(0).path()).isEqualTo("/registrations/g1/query");
        assertThat(stub.requests().get(1).path()).isEqualTo("/registrations/query");
        assertThat(byGroup.out()).contains("dev-1            assigned  hub.example");
        assertThat(all.out()).isEqualTo("No registrations.\n");
    }

    @Test
    void registration_show_and_delete() {
        DeviceRegistrationState failed = new DeviceRegistrationState("dev-2", null, null, null,
                RegistrationStatus.FAILED, null, 401002, "Invalid certificate.", null, null);
        stub.answer(200, json(RegistrationStateJson.write(failed))).answer(204, null);

        Cli.Result shown = Cli.run(stub.args("registration", "show", "dev-2"));
        Cli.Result deleted = Cli.run(stub.args("registration", "delete", "dev-2", "--etag", "\"e\""));

        assertThat(shown.out()).contains("status          failed").contains("errorCode       401002")
                .contains("errorMessage    Invalid certificate.");
        assertThat(stub.requests().get(1).method() + " " + stub.requests().get(1).path())
                .isEqualTo("DELETE /registrations/dev-2");
        assertThat(stub.requests().get(1).header("If-Match")).isEqualTo("\"e\"");
        assertThat(deleted.out()).isEqualTo("Deleted registration 'dev-2'.\n");
    }
}
