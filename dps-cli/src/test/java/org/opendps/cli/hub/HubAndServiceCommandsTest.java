package org.opendps.cli.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendps.cli.Cli;
import org.opendps.cli.StubServiceApi;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.hub.LinkedHubService;
import org.opendps.core.instance.ServiceInstance;
import org.opendps.wire.json.LinkedHubJson;

/** The HTTP conversation and output of the hub and service commands, against a stub of the service API. */
class HubAndServiceCommandsTest {
    private static final String HOST = "hub-1.azure-devices.net";
    private static final String KEY = "MTExMTExMTExMTExMTExMTExMTExMTExMTExMTExMTE=";
    private static final String CS = "HostName=" + HOST + ";SharedAccessKeyName=iothubowner;SharedAccessKey=" + KEY;
    private static final LinkedHub HUB = new LinkedHub(HOST, "iothubowner", KEY, "westeurope", 3, true);

    private StubServiceApi stub;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServiceApi();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private LinkedHubService.Draft sent(int request) {
        return LinkedHubJson.read(HOST, stub.requests().get(request).body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void link_with_a_connection_string_puts_the_settings_and_hides_the_key() {
        stub.answer(200, text(LinkedHubJson.write(HUB)));

        Cli.Result result = Cli.run(stub.args("hub", "link", HOST, "--connection-string-of-hub", CS,
                "--location", "westeurope", "--weight", "3"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        StubServiceApi.Request put = stub.requests().get(0);
        assertThat(put.method() + " " + put.path()).isEqualTo("PUT /linkedHubs/" + HOST);
        assertThat(sent(0)).isEqualTo(new LinkedHubService.Draft("iothubowner", KEY, "westeurope", 3, true));
        assertThat(result.out()).contains("keyName                iothubowner").contains("allocationWeight       3")
                .doesNotContain(KEY);
    }

    @Test
    void link_with_key_name_and_key_may_opt_out_of_the_allocation_policy() {
        stub.answer(200, text(LinkedHubJson.write(HUB)));

        Cli.Result result = Cli.run(stub.args("hub", "link", HOST, "--key-name", "owner", "--key", KEY,
                "--no-apply-allocation-policy"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(sent(0)).isEqualTo(new LinkedHubService.Draft("owner", KEY, null, null, false));
    }

    @Test
    void link_needs_exactly_one_way_to_give_the_key_and_a_connection_string_of_that_hub() {
        Cli.Result neither = Cli.run(stub.args("hub", "link", HOST));
        Cli.Result both = Cli.run(stub.args("hub", "link", HOST, "--connection-string-of-hub", CS, "--key-name",
                "owner", "--key", KEY));
        Cli.Result half = Cli.run(stub.args("hub", "link", HOST, "--key-name", "owner"));
        Cli.Result otherHub = Cli.run(stub.args("hub", "link", "hub-2.example.com", "--connection-string-of-hub",
                CS));
        Cli.Result malformed = Cli.run(stub.args("hub", "link", HOST, "--connection-string-of-hub",
                "HostName=" + HOST + ";SharedAccessKey=" + KEY));

        for (Cli.Result result : List.of(neither, both, half, otherHub, malformed)) {
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(2);
            assertThat(result.err()).doesNotContain(KEY);
        }
        assertThat(otherHub.err()).contains("names HostName " + HOST + ", not hub-2.example.com");
        assertThat(malformed.err()).contains("SharedAccessKeyName");
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void a_rejected_link_exits_6_with_the_servers_message() {
        stub.answer(400, "{\"errorCode\":400004,\"message\":\"Invalid field 'allocationWeight': must be between 1"
                + " and 1000\"}");

        Cli.Result result = Cli.run(stub.args("hub", "link", HOST, "--connection-string-of-hub", CS, "--weight",
                "0"));

        assertThat(result.exitCode()).isEqualTo(6);
        assertThat(result.err()).contains("allocationWeight").contains("(errorCode 400004)");
    }

    @Test
    void list_shows_settings_without_keys_and_show_shows_the_key() {
        LinkedHub quiet = new LinkedHub("hub-2.example.com", "owner", KEY, "", 1, false);
        stub.answer(200, text(LinkedHubJson.writeList(List.of(HUB, quiet)))).answer(200, "{\"value\":[]}")
                .answer(200, text(LinkedHubJson.write(HUB)));

        Cli.Result list = Cli.run(stub.args("hub", "list"));
        Cli.Result empty = Cli.run(stub.args("hub", "list"));
        Cli.Result show = Cli.run(stub.args("hub", "show", HOST));

        assertThat(list.out()).isEqualTo(
                "HOST NAME                KEY NAME     LOCATION    WEIGHT  ALLOCATION\n"
                + "hub-1.azure-devices.net  iothubowner  westeurope  3       applies\n"
                + "hub-2.example.com        owner        -           1       enrollments only\n");
        assertThat(empty.out()).isEqualTo("No linked hubs.\n");
        assertThat(show.out()).contains("key                    " + KEY).contains("connectionString       " + CS);
        assertThat(stub.requests().get(2).path()).isEqualTo("/linkedHubs/" + HOST);
    }

    @Test
    void unlink_deletes_and_a_missing_hub_exits_3() {
        stub.answer(204, null).answer(404, "{\"errorCode\":404206,\"message\":\"Linked IoT hub 'x' was not found.\"}");

        Cli.Result unlinked = Cli.run(stub.args("hub", "unlink", HOST));
        Cli.Result missing = Cli.run(stub.args("hub", "unlink", HOST));

        assertThat(stub.requests().get(0).method() + " " + stub.requests().get(0).path())
                .isEqualTo("DELETE /linkedHubs/" + HOST);
        assertThat(unlinked.out()).isEqualTo("Unlinked hub '" + HOST + "'.\n");
        assertThat(missing.exitCode()).isEqualTo(3);
    }

    @Test
    void service_show_and_set_allocation_policy() {
        ServiceInstance instance = new ServiceInstance("0ne00002193", Instant.EPOCH, AllocationPolicy.STATIC);
        String properties = text(LinkedHubJson.writeProperties(instance, List.of(HUB)));
        stub.answer(200, properties).answer(200, properties);

        Cli.Result show = Cli.run(stub.args("service", "show"));
        Cli.Result set = Cli.run(stub.args("service", "set-allocation-policy", "STATIC"));

        assertThat(show.out()).isEqualTo("idScope           0ne00002193\nallocationPolicy  static\n"
                + "linkedHubs        " + HOST + "\n");
        assertThat(set.exitCode()).as(set.toString()).isZero();
        StubServiceApi.Request put = stub.requests().get(1);
        assertThat(put.method() + " " + put.path() + " " + put.body())
                .isEqualTo("PUT /properties {\"allocationPolicy\":\"Static\"}");
    }

    @Test
    void custom_is_no_instance_allocation_policy() {
        Cli.Result result = Cli.run(stub.args("service", "set-allocation-policy", "custom"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("custom is available only per enrollment");
        assertThat(stub.requests()).isEmpty();
    }
}
