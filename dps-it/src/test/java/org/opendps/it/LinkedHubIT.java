package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.cli.OpenDpsCommand;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.wire.json.LinkedHubJson;
import picocli.CommandLine;

/**
 * Linked hubs and the instance allocation policy through the admin API (raw HTTPS, as ARM would be called) and
 * through the {@code opendps hub} and {@code opendps service} commands, against a real OpenDPS.
 */
class LinkedHubIT {
    private static final String API = "?api-version=2021-10-01";

    @TempDir
    static Path dataDir;

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String hubBody(String host, String key, String extra) {
        return "{\"connectionString\":\"HostName=" + host + ";SharedAccessKeyName=iothubowner;SharedAccessKey=" + key
                + "\"" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static HttpResponse<String> owner(String method, String path, String body) throws Exception {
        return server.sendAsOwner(method, path + API, body);
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static byte[] bytes(HttpResponse<String> response) {
        return response.body().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRefused(HttpResponse<String> response, int status, int errorCode, String... parts) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-ms-error-code")).hasValue(String.valueOf(errorCode));
        assertThat(response.body()).contains("\"errorCode\":" + errorCode);
        for (String part : parts) {
            assertThat(response.body()).contains(part);
        }
    }

    @Test
    void link_list_update_and_unlink_over_https() throws Exception {
        String key = SharedAccessSignatures.generateKey();
        LinkedHub linked = LinkedHubJson.readHub(bytes(expect(owner("PUT", "/linkedHubs/Api-Hub.example.com",
                hubBody("api-hub.example.com", key, "\"location\":\"westeurope\",\"allocationWeight\":5")), 200)));

        assertThat(linked).isEqualTo(new LinkedHub("Api-Hub.example.com", "iothubowner", key, "westeurope", 5, true));
        assertThat(LinkedHubJson.readList(bytes(expect(owner("GET", "/linkedHubs", null), 200)))).contains(linked);
        assertThat(LinkedHubJson.readHub(bytes(expect(owner("GET", "/linkedhubs/api-hub.EXAMPLE.com", null), 200))))
                .isEqualTo(linked);

        LinkedHub updated = LinkedHubJson.readHub(bytes(expect(owner("PUT", "/linkedHubs/api-hub.example.com",
                hubBody("API-HUB.example.com", key, "\"applyAllocationPolicy\":false")), 200)));
        assertThat(updated).isEqualTo(new LinkedHub("Api-Hub.example.com", "iothubowner", key, "", 1, false));

        expect(owner("DELETE", "/linkedHubs/api-hub.example.com", null), 204);
        assertRefused(owner("GET", "/linkedHubs/api-hub.example.com", null), 404, 404206);
        assertRefused(owner("DELETE", "/linkedHubs/api-hub.example.com", null), 404, 404206);
    }

    @Test
    void bad_hubs_are_refused_with_the_field_named_and_nothing_stored() throws Exception {
        String key = SharedAccessSignatures.generateKey();
        String host = "bad-hub.example.com";
        String path = "/linkedHubs/" + host;

        assertRefused(owner("PUT", path, hubBody("other-hub.example.com", key, "")), 400, 400004,
                "'connectionString'");
        assertRefused(owner("PUT", path, "{\"location\":\"x\"}"), 400, 400004, "'connectionString': required");
        assertRefused(owner("PUT", path, hubBody(host, "AAAA", "")), 400, 400004, "'SharedAccessKey'");
        assertRefused(owner("PUT", path, hubBody(host, key, "\"allocationWeight\":0")), 400, 400004,
                "'allocationWeight'");
        assertRefused(owner("PUT", path, hubBody(host, key, "\"allocationWeight\":1001")), 400, 400004,
                "'allocationWeight'");
        assertRefused(owner("PUT", path, hubBody(host, key, "\"location\":\"" + "x".repeat(65) + "\"")), 400,
                400004, "'location'");
        assertRefused(owner("PUT", "/linkedHubs/bad_hub", hubBody("bad_hub", key, "")), 400, 400005, "'name'");
        String longKey = Base64.getEncoder().encodeToString(new byte[65]);
        HttpResponse<String> badKey = owner("PUT", path, hubBody(host, longKey, ""));
        assertRefused(badKey, 400, 400004, "'SharedAccessKey'");
        assertThat(badKey.body()).doesNotContain(longKey);
        assertRefused(owner("GET", path, null), 404, 404206);
    }

    @Test
    void a_policy_without_service_config_may_not_see_hubs_or_properties() throws Exception {
        String readerKey = SharedAccessSignatures.generateKey();
        expect(owner("PUT", "/policies/hub-reader", "{\"keyName\":\"hub-reader\",\"primaryKey\":\"" + readerKey
                + "\",\"rights\":\"EnrollmentRead, EnrollmentWrite, RegistrationStatusRead\"}"), 200);
        String token = server.token("hub-reader", readerKey, Instant.now().plusSeconds(600));

        assertRefused(server.send("GET", "/linkedHubs" + API, null, token), 401, 401004);
        assertRefused(server.send("PUT", "/linkedHubs/sneaky.example.com" + API,
                hubBody("sneaky.example.com", readerKey, ""), token), 401, 401004);
        assertRefused(server.send("GET", "/properties" + API, null, token), 401, 401004);
        assertRefused(server.send("PUT", "/properties" + API, "{\"allocationPolicy\":\"Static\"}", token), 401,
                401004);
        assertRefused(server.send("GET", "/linkedHubs" + API, null, null), 401, 401000);
        assertRefused(owner("GET", "/linkedHubs/sneaky.example.com", null), 404, 404206);
    }

    @Test
    void properties_round_trip_and_custom_is_refused() throws Exception {
        LinkedHubJson.ServiceProperties before = LinkedHubJson.readProperties(bytes(expect(owner("GET",
                "/properties", null), 200)));
        assertThat(before.idScope()).isEqualTo(server.info().idScope());

        HttpResponse<String> set = expect(owner("PUT", "/properties",
                "{\"allocationPolicy\":\"geolatency\",\"idScope\":\"0ne99999999\"}"), 200);
        assertThat(set.body()).contains("\"allocationPolicy\":\"GeoLatency\"");
        LinkedHubJson.ServiceProperties after = LinkedHubJson.readProperties(bytes(expect(owner("GET",
                "/properties", null), 200)));
        assertThat(after.allocationPolicy()).isEqualTo(AllocationPolicy.GEO_LATENCY);
        assertThat(after.idScope()).isEqualTo(server.info().idScope());

        assertRefused(owner("PUT", "/properties", "{\"allocationPolicy\":\"Custom\"}"), 400, 400004,
                "custom is available only per enrollment");
        assertRefused(owner("PUT", "/properties", "{\"allocationPolicy\":\"Random\"}"), 400, 400004,
                "'allocationPolicy'");
        assertRefused(owner("PUT", "/properties", "{}"), 400, 400004, "'allocationPolicy'");
        expect(owner("PUT", "/properties", "{\"allocationPolicy\":\"Hashed\"}"), 200);
    }

    @Test
    void a_restart_keeps_the_hubs_and_the_allocation_policy(@TempDir Path ownDir) throws Exception {
        String key = SharedAccessSignatures.generateKey();
        try (TestServer first = TestServer.start(ownDir)) {
            expect(first.sendAsOwner("PUT", "/linkedHubs/kept.example.com" + API,
                    hubBody("kept.example.com", key, "\"location\":\"site-a\",\"allocationWeight\":9")), 200);
            expect(first.sendAsOwner("PUT", "/properties" + API, "{\"allocationPolicy\":\"Static\"}"), 200);
        }
        try (TestServer second = TestServer.start(ownDir)) {
            LinkedHubJson.ServiceProperties properties = LinkedHubJson.readProperties(bytes(expect(
                    second.sendAsOwner("GET", "/properties" + API, null), 200)));
            assertThat(properties.allocationPolicy()).isEqualTo(AllocationPolicy.STATIC);
            assertThat(properties.iotHubs()).contains(
                    new LinkedHub("kept.example.com", "iothubowner", key, "site-a", 9, true))
                    .extracting(LinkedHub::hostName).containsExactly("kept.example.com", "localhost");
        }
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** {@code opendps ARGS --connection-info <the server's>}, in-process. */
    private static Result opendps(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--connection-info");
        all.add(dataDir.resolve("connection-info.json").toString());
        CommandLine commandLine = OpenDpsCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(all.toArray(String[]::new));
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    @Test
    void the_cli_links_lists_shows_and_unlinks_and_sets_the_allocation_policy() {
        String key = SharedAccessSignatures.generateKey();
        String cs = "HostName=cli-hub.example.com;SharedAccessKeyName=iothubowner;SharedAccessKey=" + key;

        Result linked = ok(opendps("hub", "link", "cli-hub.example.com", "--connection-string-of-hub", cs,
                "--location", "site-b", "--weight", "4"));
        assertThat(linked.out()).contains("allocationWeight       4").doesNotContain(key);
        Result relinked = ok(opendps("hub", "link", "cli-hub.example.com", "--key-name", "registryReadWrite",
                "--key", key, "--no-apply-allocation-policy", "-o", "json"));
        assertThat(LinkedHubJson.readHub(relinked.out().getBytes(StandardCharsets.UTF_8))).isEqualTo(
                new LinkedHub("cli-hub.example.com", "registryReadWrite", key, "", 1, false));

        Result list = ok(opendps("hub", "list"));
        assertThat(list.out()).contains("cli-hub.example.com  registryReadWrite").contains("enrollments only")
                .doesNotContain(key);
        assertThat(ok(opendps("hub", "show", "cli-hub.example.com")).out()).contains(key);
        Result refused = opendps("hub", "link", "cli-hub.example.com", "--key-name", "owner", "--key", key,
                "--weight", "1001");
        assertThat(refused.exitCode()).isEqualTo(6);
        assertThat(refused.err()).contains("allocationWeight").doesNotContain(key);

        Result set = ok(opendps("service", "set-allocation-policy", "static"));
        assertThat(set.out()).contains("allocationPolicy  static").contains("cli-hub.example.com");
        Result shown = ok(opendps("service", "show"));
        assertThat(shown.out()).contains("idScope           " + server.info().idScope()).doesNotContain(key);
        ok(opendps("service", "set-allocation-policy", "Hashed"));

        assertThat(ok(opendps("hub", "unlink", "cli-hub.example.com")).out())
                .isEqualTo("Unlinked hub 'cli-hub.example.com'.\n");
        assertThat(opendps("hub", "show", "cli-hub.example.com").exitCode()).isEqualTo(3);
        assertThat(opendps("hub", "unlink", "cli-hub.example.com").exitCode()).isEqualTo(3);
    }
}
