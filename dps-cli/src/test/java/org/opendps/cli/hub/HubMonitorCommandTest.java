package org.opendps.cli.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.cli.Cli;
import org.opendps.cli.StubServiceApi;
import org.opendps.cli.connection.Connection;
import org.opendps.cli.connection.ConnectionOptions;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ConnectionInfoJson;

/** {@code opendps hub monitor}: its paging, output and connection, against a stub of the hub's service API. */
class HubMonitorCommandTest {
    private static final String HUB = "hub-1.example";
    private static final String CS = "HostName=" + HUB + ";SharedAccessKeyName=service;SharedAccessKey="
            + StubServiceApi.KEY;

    private StubServiceApi stub;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServiceApi();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private String[] args(String... command) {
        String endpoint = stub.connection()[3];
        List<String> all = new ArrayList<>(List.of("hub", "monitor", HUB));
        all.addAll(List.of(command));
        all.addAll(List.of("--connection-string", CS, "--endpoint", endpoint));
        return all.toArray(String[]::new);
    }

    private static String message(long sequenceNumber, String body) {
        return "{\"sequenceNumber\":" + sequenceNumber + ",\"deviceId\":\"dev-1\",\"enqueuedTimeUtc\":"
                + "\"2026-03-01T10:00:00Z\",\"properties\":{\"n\":\"" + sequenceNumber + "\",\"flag\":null},"
                + "\"body\":" + (body == null ? "null" : "\"" + body + "\"") + ",\"bodyBase64\":\"//4=\"}";
    }

    private static String page(long next, String... messages) {
        return "{\"messages\":[" + String.join(",", messages) + "],\"nextSequenceNumber\":" + next + "}";
    }

    @Test
    void prints_what_the_hub_kept_and_stops_when_caught_up() {
        stub.answer(200, page(3, message(1, "hello"), message(2, null)));

        Cli.Result result = Cli.run(args());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        StubServiceApi.Request request = stub.requests().get(0);
        assertThat(request.method() + " " + request.path()).isEqualTo("GET /messages/events");
        assertThat(request.query()).isEqualTo("since=0&max=100&api-version=2021-10-01");
        assertThat(request.header("Authorization")).contains("sr=" + HUB).contains("skn=service");
        assertThat(result.out()).contains("2026-03-01T10:00:00Z  dev-1  {n=1, flag}  hello")
                .contains("{n=2, flag}  (binary, base64) //4=");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void since_and_max_are_sent_and_a_gap_is_reported() {
        stub.answer(200, page(9, message(7, "a"), message(8, "b")));

        Cli.Result result = Cli.run(args("--since", "5", "--max", "2", "--output", "json"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(stub.requests()).extracting(StubServiceApi.Request::query)
                .containsExactly("since=5&max=2&api-version=2021-10-01");
        assertThat(result.out().strip().split("\\R")).hasSize(2).allMatch(line -> line.startsWith("{\"sequence"));
        assertThat(result.err()).contains("messages 5 to 6 were dropped");
    }

    @Test
    void follow_long_polls_until_max() {
        stub.answer(200, page(1)).answer(200, page(3, message(1, "a"), message(2, "b")));

        Cli.Result result = Cli.run(args("--follow", "--max", "2"));

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(stub.requests()).extracting(StubServiceApi.Request::query).allMatch(q -> q.contains("wait=10"))
                .hasSize(2);
    }

    @Test
    void refusals_end_with_the_exit_codes_of_the_other_commands() {
        stub.answer(401, "{\"Message\":\"ErrorCode:IotHubUnauthorizedAccess;Unauthorized\"}");
        assertThat(Cli.run(args()).exitCode()).isEqualTo(5);
        Cli.Result otherHub = Cli.run("hub", "monitor", "hub-2.example", "--connection-string", CS);
        assertThat(otherHub.exitCode()).isEqualTo(2);
        assertThat(otherHub.err()).doesNotContain(StubServiceApi.KEY);
    }

    @Test
    void the_hub_is_reached_at_its_own_name_on_the_servers_port_with_its_listed_key(@TempDir Path dir) {
        Path info = dir.resolve("connection-info.json");
        ConnectionInfoJson.write(info, new ConnectionInfo("0ne00000001", "localhost:8883", "https://localhost:8443",
                "HostName=localhost:8443;SharedAccessKeyName=provisioningserviceowner;SharedAccessKey=x",
                "ca.pem", List.of(new ConnectionInfo.Hub("127.0.0.2", "HostName=127.0.0.2;SharedAccessKeyName="
                        + "iothubowner;SharedAccessKey=" + StubServiceApi.KEY))));
        HubConnections connections = new HubConnections(Map.of(), dir);

        Connection hub = connections.resolve(new ConnectionOptions(info, null, null, null), "127.0.0.2");

        assertThat(hub.endpoint()).isEqualTo(URI.create("https://127.0.0.2:8443"));
        assertThat(hub.hostName()).isEqualTo("127.0.0.2");
        assertThat(hub.keyName()).isEqualTo("iothubowner");
        assertThat(hub.caCertificate()).isEqualTo(dir.resolve("ca.pem"));
        assertThat(Cli.run("hub", "monitor", "other.example", "--connection-info", info.toString()).exitCode())
                .isEqualTo(8);
    }
}
