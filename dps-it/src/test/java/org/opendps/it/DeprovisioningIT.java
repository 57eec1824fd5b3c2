package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.cli.OpenDpsCommand;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.security.SharedAccessSignatures;
import picocli.CommandLine;

/**
 * Deprovisioning (an OpenDPS extension) against a real server whose hubs live in memory, so that each test sees
 * what happened to the device's identity: disabled, or gone together with its registration state.
 */
class DeprovisioningIT {
    private static final String HUB = "hub-a.example.com";
    private static final String API = "?api-version=2021-10-01";

    @TempDir
    Path dataDir;

    private TestServer server;
    private DeviceCalls device;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.withHubs(dataDir, HUB);
        device = new DeviceCalls(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void disable_keeps_a_disabled_identity_and_delete_removes_it_and_the_registration() throws Exception {
        registerIndividual("dev-1");
        assertThat(identity("dev-1").enabled()).isTrue();

        HttpResponse<String> disabled = expect(deprovision("dev-1", "{\"action\":\"disable\"}"), 200);
        assertThat(DeviceCalls.json(disabled.body()).at("/devices/0/assignedHub").asText()).isEqualTo(HUB);
        assertThat(identity("dev-1").enabled()).isFalse();
        expect(server.sendAsOwner("GET", "/registrations/dev-1" + API, null), 200);

        expect(deprovision("dev-1", "{\"action\":\"delete\"}"), 200);
        assertThat(server.hubs().identity(HUB, "dev-1")).isEmpty();
        expect(server.sendAsOwner("GET", "/registrations/dev-1" + API, null), 404);
    }

    @Test
    void deleting_an_enrollment_with_deprovision_delete_removes_its_device() throws Exception {
        registerIndividual("dev-2");
        expect(server.sendAsOwner("DELETE", "/enrollments/dev-2" + API + "&deprovision=bogus", null), 400);
        assertThat(identity("dev-2").enabled()).isTrue();

        expect(server.sendAsOwner("DELETE", "/enrollments/dev-2" + API + "&deprovision=delete", null), 204);

        assertThat(server.hubs().devices(HUB)).doesNotContain("dev-2");
        expect(server.sendAsOwner("GET", "/enrollments/dev-2" + API, null), 404);
        expect(server.sendAsOwner("GET", "/registrations/dev-2" + API, null), 404);
    }

    @Test
    void disabling_an_enrollment_with_deprovision_disable_disables_its_device() throws Exception {
        String key = registerIndividual("dev-4");
        expect(server.sendAsOwner("PUT", "/enrollments/dev-4" + API + "&deprovision=disable", enrollment("dev-4", key,
                "enabled"), "If-Match", "*"), 200);
        assertThat(identity("dev-4").enabled()).isTrue();

        expect(server.sendAsOwner("PUT", "/enrollments/dev-4" + API + "&deprovision=disable", enrollment("dev-4", key,
                "disabled"), "If-Match", "*"), 200);

        assertThat(identity("dev-4").enabled()).isFalse();
        expect(server.sendAsOwner("GET", "/registrations/dev-4" + API, null), 200);
    }

    @Test
    void a_groups_devices_are_deprovisioned_together() throws Exception {
        String groupKey = SharedAccessSignatures.generateKey();
        expect(server.sendAsOwner("PUT", "/enrollmentGroups/line-1" + API, "{\"enrollmentGroupId\":\"line-1\","
                + "\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + groupKey
                + "\",\"secondaryKey\":\"" + SharedAccessSignatures.generateKey() + "\"}}}"), 200);
        for (String id : new String[] {"member-1", "member-2"}) {
            assertThat(device.register(id, SharedAccessSignatures.hmac(groupKey, id), null).path("status").asText())
                    .isEqualTo("assigned");
        }

        HttpResponse<String> done = expect(server.sendAsOwner("POST", "/enrollmentGroups/line-1/deprovision" + API,
                "{\"action\":\"disable\"}"), 200);
        assertThat(DeviceCalls.json(done.body()).path("devices").size()).isEqualTo(2);
        assertThat(identity("member-1").enabled()).isFalse();
        assertThat(identity("member-2").enabled()).isFalse();

        expect(server.sendAsOwner("DELETE", "/enrollmentGroups/line-1" + API + "&deprovision=delete", null), 204);
        assertThat(server.hubs().devices(HUB)).isEmpty();
    }

    @Test
    void refusals_name_what_is_wrong() throws Exception {
        registerIndividual("dev-3");
        String readerKey = SharedAccessSignatures.generateKey();
        expect(server.sendAsOwner("PUT", "/policies/reader" + API, "{\"keyName\":\"reader\",\"primaryKey\":\""
                + readerKey + "\",\"secondaryKey\":\"" + SharedAccessSignatures.generateKey()
                + "\",\"rights\":\"EnrollmentRead, RegistrationStatusRead\"}"), 200);
        String readerToken = server.token("reader", readerKey, Instant.now().plusSeconds(3600));

        expect(server.send("POST", "/registrations/dev-3/deprovision" + API, "{\"action\":\"disable\"}",
                readerToken), 401);
        expect(server.send("DELETE", "/enrollments/dev-3" + API + "&deprovision=disable", null, readerToken), 401);
        assertThat(expect(deprovision("nobody", "{\"action\":\"disable\"}"), 404).body()).contains("nobody");
        assertThat(expect(deprovision("dev-3", "{\"action\":\"erase\"}"), 400).body()).contains("action");
        assertThat(expect(deprovision("dev-3", "{}"), 400).body()).contains("action");
        assertThat(identity("dev-3").enabled()).isTrue();
    }

    @Test
    void the_cli_disables_then_deletes() throws Exception {
        registerIndividual("cli-1");

        Cli disabled = cli("deprovision", "cli-1");
        assertThat(disabled.exitCode()).as(disabled.toString()).isZero();
        assertThat(disabled.out()).contains("Disabled device 'cli-1' in " + HUB);
        assertThat(identity("cli-1").enabled()).isFalse();

        Cli deleted = cli("enrollment", "delete", "--registration-id", "cli-1", "--deprovision", "delete");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(server.hubs().devices(HUB)).doesNotContain("cli-1");

        Cli missing = cli("deprovision", "cli-1", "--delete");
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(3);
        Cli usage = cli("deprovision");
        assertThat(usage.exitCode()).as(usage.toString()).isEqualTo(2);
    }

    record Cli(int exitCode, String out, String err) {}

    private Cli cli(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--connection-info";
        all[args.length + 1] = dataDir.resolve("connection-info.json").toString();
        CommandLine commandLine = OpenDpsCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(all);
        return new Cli(exitCode, out.toString(), err.toString());
    }

    /** Creates a symmetric-key enrollment and registers its device; returns the device's key. */
    private String registerIndividual(String id) throws Exception {
        String key = SharedAccessSignatures.generateKey();
        expect(server.sendAsOwner("PUT", "/enrollments/" + id + API, enrollment(id, key, "enabled")), 200);
        assertThat(device.register(id, key, null).path("status").asText()).isEqualTo("assigned");
        return key;
    }

    private static String enrollment(String id, String key, String provisioningStatus) {
        return "{\"registrationId\":\"" + id + "\",\"provisioningStatus\":\"" + provisioningStatus + "\","
                + "\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + key
                + "\",\"secondaryKey\":\"" + key + "\"}}}";
    }

    private HttpResponse<String> deprovision(String id, String body) throws Exception {
        return server.sendAsOwner("POST", "/registrations/" + id + "/deprovision" + API, body);
    }

    private DeviceIdentity identity(String deviceId) {
        return server.hubs().identity(HUB, deviceId).orElseThrow();
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }
}
