package org.opendps.cli.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendps.cli.Cli;
import org.opendps.cli.StubServiceApi;

/** The HTTP conversation of {@code deprovision} and of {@code --deprovision} on the delete commands. */
class DeprovisionCommandTest {
    private static final String ONE = "{\"action\":\"delete\",\"devices\":[{\"registrationId\":\"dev-1\","
            + "\"assignedHub\":\"hub-a.example.com\",\"deviceId\":\"device-1\"}]}";

    private StubServiceApi stub;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServiceApi();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void posts_the_action_and_prints_the_device_and_hub() {
        stub.answer(200, ONE);

        Cli.Result result = Cli.run(stub.args("deprovision", "dev-1", "--delete"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        StubServiceApi.Request post = stub.requests().get(0);
        assertThat(post.method() + " " + post.path()).isEqualTo("POST /registrations/dev-1/deprovision");
        assertThat(post.body()).isEqualTo("{\"action\":\"delete\"}");
        assertThat(result.out()).contains("Deleted device 'device-1' in hub-a.example.com.");
    }

    @Test
    void a_group_goes_to_the_group_path_with_disable_by_default() {
        stub.answer(200, "{\"action\":\"disable\",\"devices\":[]}");

        Cli.Result result = Cli.run(stub.args("deprovision", "--group", "line-4"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        StubServiceApi.Request post = stub.requests().get(0);
        assertThat(post.path()).isEqualTo("/enrollmentGroups/line-4/deprovision");
        assertThat(post.body()).isEqualTo("{\"action\":\"disable\"}");
        assertThat(result.out()).contains("No assigned devices in enrollment group 'line-4'.");
    }

    @Test
    void enrollment_delete_sends_the_parameter_before_the_api_version_and_checks_its_value() {
        stub.answer(204, "");

        Cli.Result result = Cli.run(stub.args("enrollment", "delete", "--registration-id", "dev-1",
                "--deprovision", "Disable"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(stub.requests().get(0).query()).isEqualTo("deprovision=disable&api-version=2021-10-01");
        Cli.Result bad = Cli.run(stub.args("enrollment-group", "delete", "--group-id", "g", "--deprovision", "x"));
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--deprovision");
        assertThat(stub.requests()).hasSize(1);
        Cli.Result neither = Cli.run(stub.args("deprovision"));
        assertThat(neither.exitCode()).isEqualTo(2);
    }
}
