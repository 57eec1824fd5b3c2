package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * Registration over HTTPS against a real server, with hubs in memory so that each test can see exactly which
 * identities and twins the service wrote where.
 */
class RegistrationScenariosIT {
    private static final String HUB_A = "hub-a.example.com";
    private static final String HUB_B = "hub-b.example.com";
    private static final String API = "?api-version=2021-10-01";
    private static final String INITIAL_TWIN =
            "{\"tags\":{\"site\":\"berlin\"},\"properties\":{\"desired\":{\"interval\":30}}}";

    @TempDir
    Path dataDir;

    private TestServer server;
    private DeviceCalls device;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.withHubs(dataDir, HUB_A, HUB_B);
        device = new DeviceCalls(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "updateHubAssignment={0}, migrateDeviceData={1}")
    @CsvSource({
        "true, true, hub-b.example.com, deviceDataMigrated, device",
        "true, false, hub-b.example.com, deviceDataReset, initial",
        "false, false, hub-a.example.com, reprovisionedToInitialAssignment, device"})
    void reprovisioning_after_the_enrollments_hubs_change(boolean update, boolean migrate, String expectedHub,
            String expectedSubstatus, String expectedTwin) throws Exception {
        String key = putEnrollment("dev-1", HUB_A, update, migrate);
        JsonNode first = device.register("dev-1", key, null);
        assertThat(first.at("/registrationState/assignedHub").asText()).isEqualTo(HUB_A);
        assertThat(first.at("/registrationState/substatus").asText()).isEqualTo("initialAssignment");
        assertThat(twin(HUB_A, "dev-1")).isEqualTo(DeviceCalls.json(INITIAL_TWIN));
        String deviceTwin = "{\"tags\":{\"site\":\"hamburg\"},\"properties\":{\"desired\":{\"interval\":5}}}";
        server.hubs().replaceTwin(hub(HUB_A), "dev-1", new DeviceTwin(new JsonText(deviceTwin)));

        putEnrollment("dev-1", HUB_B, update, migrate);
        JsonNode second = device.register("dev-1", key, null);

        assertThat(second.at("/registrationState/assignedHub").asText()).isEqualTo(expectedHub);
        assertThat(second.at("/registrationState/substatus").asText()).isEqualTo(expectedSubstatus);
        assertThat(twin(expectedHub, "dev-1"))
                .isEqualTo(DeviceCalls.json(expectedTwin.equals("device") ? deviceTwin : INITIAL_TWIN));
        String otherHub = expectedHub.equals(HUB_A) ? HUB_B : HUB_A;
        assertThat(server.hubs().devices(otherHub)).isEmpty();
        assertThat(server.hubs().devices(expectedHub)).containsExactly("dev-1");
    }

    @Test
    void static_allocation_puts_the_device_on_its_one_hub_with_its_device_id_and_edge_capability() throws Exception {
        String key = SharedAccessSignatures.generateKey();
        expect(server.sendAsOwner("PUT", "/enrollments/static-dev" + API, "{\"registrationId\":\"static-dev\","
                + "\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + key
                + "\",\"secondaryKey\":\"" + SharedAccessSignatures.generateKey() + "\"}},"
                + "\"allocationPolicy\":\"static\",\"iotHubs\":[\"" + HUB_B + "\"],\"deviceId\":\"static-device\","
                + "\"capabilities\":{\"iotEdge\":true}}"), 200);

        JsonNode result = device.register("static-dev", key, null);

        assertThat(result.path("status").asText()).isEqualTo("assigned");
        assertThat(result.at("/registrationState/assignedHub").asText()).isEqualTo(HUB_B);
        assertThat(result.at("/registrationState/deviceId").asText()).isEqualTo("static-device");
        assertThat(server.hubs().devices(HUB_B)).containsExactly("static-device");
        assertThat(server.hubs().identity(HUB_B, "static-device").orElseThrow().iotEdge())
                .as("the enrollment's IoT Edge capability reaches the hub").isTrue();
    }

    @Test
    void one_hundred_concurrent_registrations_of_one_id_make_one_identity_and_one_state() throws Exception {
        String key = putEnrollment("racer", null, true, true);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<JsonNode>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                results.add(pool.submit(() -> device.register("racer", key, null)));
            }
            List<String> hubs = new ArrayList<>();
            for (Future<JsonNode> result : results) {
                JsonNode answer = result.get();
                assertThat(answer.path("status").asText()).isEqualTo("assigned");
                hubs.add(answer.at("/registrationState/assignedHub").asText());
            }
            assertThat(hubs).containsOnly(hubs.get(0));
            assertThat(server.hubs().devices(HUB_A).size() + server.hubs().devices(HUB_B).size()).isEqualTo(1);
            JsonNode state = DeviceCalls.json(expect(server.sendAsOwner("GET", "/registrations/racer" + API, null), 200)
                    .body());
            assertThat(state.path("status").asText()).isEqualTo("assigned");
            assertThat(state.path("assignedHub").asText()).isEqualTo(hubs.get(0));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_device_cannot_poll_or_read_another_devices_registration() throws Exception {
        String keyA = putEnrollment("dev-a", HUB_A, true, true);
        String keyB = putEnrollment("dev-b", HUB_A, true, true);
        HttpResponse<String> registered = device.put("dev-a", device.token("dev-a", keyA), null);
        String operationId = DeviceCalls.json(registered.body()).path("operationId").asText();

        assertThat(device.poll("dev-a", operationId, device.token("dev-a", keyB)).statusCode()).isEqualTo(401);
        assertThat(device.poll("dev-a", operationId, device.token("dev-b", keyB)).statusCode()).isEqualTo(401);
        HttpResponse<String> foreign = device.poll("dev-b", operationId, device.token("dev-b", keyB));
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("404205");
    }

    @Test
    void a_disabled_individual_enrollment_blocks_its_device_in_an_enabled_group() throws Exception {
        String groupKey = SharedAccessSignatures.generateKey();
        expect(server.sendAsOwner("PUT", "/enrollmentGroups/line-4" + API, "{\"enrollmentGroupId\":\"line-4\","
                + "\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + groupKey
                + "\",\"secondaryKey\":\"" + SharedAccessSignatures.generateKey() + "\"}}}"), 200);
        String memberKey = SharedAccessSignatures.hmac(groupKey, "member-1");
        assertThat(device.register("member-2", SharedAccessSignatures.hmac(groupKey, "member-2"), null)
                .path("status").asText()).isEqualTo("assigned");
        expect(server.sendAsOwner("PUT", "/enrollments/member-1" + API, "{\"registrationId\":\"member-1\","
                + "\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + memberKey
                + "\",\"secondaryKey\":\"" + SharedAccessSignatures.generateKey() + "\"}},"
                + "\"provisioningStatus\":\"disabled\"}"), 200);

        JsonNode blocked = device.register("member-1", memberKey, null);

        assertThat(blocked.path("status").asText()).isEqualTo("disabled");
        assertThat(blocked.at("/registrationState/errorCode").asInt()).isEqualTo(403001);
        assertThat(server.hubs().devices(HUB_A)).doesNotContain("member-1");
        assertThat(server.hubs().devices(HUB_B)).doesNotContain("member-1");
    }

    @Test
    void the_webhook_is_retried_on_503_then_chooses_the_hub_twin_and_payload() throws Exception {
        try (WebhookServer webhook = new WebhookServer()) {
            webhook.thenAnswer(503, "{}").thenAnswer(200, "{\"iotHubHostName\":\"" + HUB_B + "\","
                    + "\"initialTwin\":{\"tags\":{\"by\":\"webhook\"},\"properties\":{\"desired\":{}}},"
                    + "\"payload\":{\"answer\":42}}");
            String key = putCustomEnrollment("hooked", webhook.url());

            JsonNode result = device.register("hooked", key, "{\"modelId\":\"dtmi:x;1\"}");

            assertThat(result.at("/registrationState/assignedHub").asText()).isEqualTo(HUB_B);
            assertThat(result.at("/registrationState/payload/answer").asInt()).isEqualTo(42);
            assertThat(twin(HUB_B, "hooked").at("/tags/by").asText()).isEqualTo("webhook");
            assertThat(webhook.requests()).hasSize(2);
            JsonNode request = DeviceCalls.json(webhook.requests().get(1));
            assertThat(request.at("/deviceRuntimeContext/registrationId").asText()).isEqualTo("hooked");
            assertThat(request.at("/deviceRuntimeContext/payload/modelId").asText()).isEqualTo("dtmi:x;1");
            assertThat(request.at("/individualEnrollment/registrationId").asText()).isEqualTo("hooked");
            assertThat(webhook.requests().get(1)).doesNotContain(key);
            assertThat(request.path("linkedHubs")).hasSize(2);
        }
    }

    @ParameterizedTest(name = "webhook answers {0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "200 | {\"iotHubHostName\":\"\"} | 400208",
        "401 | {} | 400209",
        "404 | {} | 400207",
        "200 | {\"iotHubHostName\":\"not-linked.example.com\"} | 400207"})
    void webhook_refusals_fail_the_registration_with_azures_codes(int status, String body, int errorCode)
            throws Exception {
        try (WebhookServer webhook = new WebhookServer()) {
            webhook.thenAnswer(status, body);
            String key = putCustomEnrollment("refused", webhook.url());

            JsonNode result = device.register("refused", key, null);

            assertThat(result.path("status").asText()).isEqualTo("failed");
            assertThat(result.at("/registrationState/errorCode").asInt()).isEqualTo(errorCode);
            assertThat(server.hubs().calls()).isZero();
        }
    }

    @Test
    void too_many_registrations_of_one_device_get_429_with_retry_after() throws Exception {
        server.close();
        server = TestServer.start(TestServer.local(dataDir.resolve("throttled"))
                .withLimits(new org.opendps.app.ServeConfig.RegistrationLimits(1000, 2)));
        server.linkHub(HUB_A, 1);
        device = new DeviceCalls(server);
        String key = putEnrollment("eager", HUB_A, true, true);
        String token = device.token("eager", key);

        assertThat(device.put("eager", token, null).statusCode()).isIn(200, 202);
        assertThat(device.put("eager", token, null).statusCode()).isIn(200, 202);
        HttpResponse<String> third = device.put("eager", token, null);

        assertThat(third.statusCode()).isEqualTo(429);
        assertThat(third.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
        assertThat(third.body()).contains("\"errorCode\":429001");
        assertThat(device.put("other-device", device.token("other-device", key), null).statusCode())
                .as("other devices are not held back").isEqualTo(401);
    }

    private String putCustomEnrollment(String id, String webhookUrl) throws Exception {
        String key = Base64Keys.of(id);
        expect(server.sendAsOwner("PUT", "/enrollments/" + id + API, "{\"registrationId\":\"" + id + "\","
                + "\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + key
                + "\",\"secondaryKey\":\"" + Base64Keys.of(id + "-2") + "\"}},\"allocationPolicy\":\"custom\","
                + "\"customAllocationDefinition\":{\"webhookUrl\":\"" + webhookUrl + "\",\"apiVersion\":\"2021-10-01\"}}"),
                200);
        return key;
    }

    /** Creates or replaces a symmetric-key enrollment; returns its primary key. */
    private String putEnrollment(String id, String hub, boolean update, boolean migrate) throws Exception {
        String key = Base64Keys.of(id);
        String body = "{\"registrationId\":\"" + id + "\",\"attestation\":{\"type\":\"symmetricKey\","
                + "\"symmetricKey\":{\"primaryKey\":\"" + key + "\",\"secondaryKey\":\"" + Base64Keys.of(id + "-2")
                + "\"}},\"reprovisionPolicy\":{\"updateHubAssignment\":" + update + ",\"migrateDeviceData\":" + migrate
                + "},\"initialTwin\":" + INITIAL_TWIN + (hub == null ? "" : ",\"iotHubs\":[\"" + hub + "\"]") + "}";
        expect(server.sendAsOwner("PUT", "/enrollments/" + id + API, body, "If-Match", "*"), 200);
        return key;
    }

    private JsonNode twin(String hub, String deviceId) throws Exception {
        return DeviceCalls.json(server.hubs().twin(hub, deviceId).orElseThrow().json().json());
    }

    private static LinkedHub hub(String host) {
        return new LinkedHub(host, "iothubowner", SharedAccessSignatures.generateKey(), "", 1, true);
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    /** Keys fixed per name, so that a re-created enrollment keeps the device's key. */
    private static final class Base64Keys {
        static String of(String name) {
            return java.util.Base64.getEncoder().encodeToString(
                    java.util.Arrays.copyOf(name.getBytes(java.nio.charset.StandardCharsets.UTF_8), 32));
        }
    }
}
