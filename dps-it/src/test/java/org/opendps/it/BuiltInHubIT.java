package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * The built-in hubs' service API over HTTPS on a real server whose devices land on its own hubs: {@code localhost}
 * (the default one) and {@code 127.0.0.2} (a {@code --hub}), told apart by the Host header alone.
 */
class BuiltInHubIT {
    private static final String DPS_API = "?api-version=2021-10-01";
    private static final String API = "?api-version=2021-04-12";
    private static final String HUB = "localhost";
    private static final String SECOND_HUB = "127.0.0.2";

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static HubCalls hub;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWithBuiltInHubs(dataDir, SECOND_HUB);
        hub = new HubCalls(server);
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
        server.close();
    }

    @Test
    void a_device_registered_through_the_dps_is_on_the_built_in_hub_with_its_keys_and_initial_twin() throws Exception {
        String primary = SharedAccessSignatures.generateKey();
        String secondary = SharedAccessSignatures.generateKey();
        String enrollment = "{\"registrationId\":\"dps-dev-1\",\"attestation\":{\"type\":\"symmetricKey\","
                + "\"symmetricKey\":{\"primaryKey\":\"" + primary + "\",\"secondaryKey\":\"" + secondary + "\"}},"
                // Both built-in hubs are linked; static allocation to the default one keeps the test deterministic.
                + "\"allocationPolicy\":\"static\",\"iotHubs\":[\"" + HUB + "\"],"
                + "\"initialTwin\":{\"tags\":{\"site\":\"berlin\"},\"properties\":{\"desired\":{\"rate\":5}}}}";
        assertThat(server.sendAsOwner("PUT", "/enrollments/dps-dev-1" + DPS_API, enrollment).statusCode())
                .isEqualTo(200);

        JsonNode result = new DeviceCalls(server).register("dps-dev-1", primary, null);

        assertThat(result.path("registrationState").path("assignedHub").asText()).isEqualTo(HUB);
        JsonNode device = json(expect(hub.owner(HUB, "GET", "/devices/dps-dev-1" + API, null), 200));
        assertThat(device.path("status").asText()).isEqualTo("enabled");
        assertThat(device.path("authentication").path("type").asText()).isEqualTo("sas");
        assertThat(device.path("authentication").path("symmetricKey").path("primaryKey").asText()).isEqualTo(primary);
        assertThat(device.path("authentication").path("symmetricKey").path("secondaryKey").asText())
                .isEqualTo(secondary);
        JsonNode twin = json(expect(hub.owner(HUB, "GET", "/twins/dps-dev-1" + API, null), 200));
        assertThat(twin.path("tags").path("site").asText()).isEqualTo("berlin");
        assertThat(twin.path("properties").path("desired").path("rate").asInt()).isEqualTo(5);
        assertThat(expect(hub.owner(SECOND_HUB, "GET", "/devices/dps-dev-1" + API, null), 404).body())
                .as("the other hub never saw it").contains("DeviceNotFound");
    }

    @Test
    void put_get_delete_follow_if_match_and_answer_in_the_hubs_error_shape() throws Exception {
        String etag = json(expect(hub.owner(HUB, "PUT", "/devices/raw-1" + API, "{\"deviceId\":\"raw-1\"}"), 200))
                .path("etag").asText();

        HttpResponse<String> conflict = expect(hub.owner(HUB, "PUT", "/devices/raw-1" + API, "{}"), 409);
        assertHubError(conflict, "DeviceAlreadyExists", 409001);
        expect(hub.owner(HUB, "PUT", "/devices/raw-1" + API, "{\"status\":\"disabled\"}", "If-Match", "*"), 200);
        assertHubError(expect(hub.owner(HUB, "PUT", "/devices/raw-1" + API, "{}", "If-Match", "\"" + etag + "\""),
                412), "PreconditionFailed", 412002);
        assertHubError(expect(hub.owner(HUB, "DELETE", "/devices/raw-1" + API, null, "If-Match", etag), 412),
                "PreconditionFailed", 412002);
        String current = json(expect(hub.owner(HUB, "GET", "/devices/raw-1" + API, null), 200)).path("etag").asText();
        expect(hub.owner(HUB, "DELETE", "/devices/raw-1" + API, null, "If-Match", "\"" + current + "\""), 204);
        assertHubError(expect(hub.owner(HUB, "GET", "/devices/raw-1" + API, null), 404), "DeviceNotFound", 404001);
        assertHubError(expect(hub.owner(HUB, "GET", "/twins/raw-1" + API, null), 404), "DeviceNotFound", 404001);
    }

    @Test
    void rights_registry_read_cannot_write_and_service_reads_twins_but_not_the_registry() throws Exception {
        expect(hub.owner(HUB, "PUT", "/devices/rights-1" + API, "{}"), 200);
        String registryRead = hub.policyToken(HUB, "registryRead");
        String service = hub.policyToken(HUB, "service");

        expect(hub.send(HUB, "GET", "/devices/rights-1" + API, null, registryRead), 200);
        assertHubError(expect(hub.send(HUB, "PUT", "/devices/rights-2" + API, "{}", registryRead), 401),
                "InsufficientRights", 401004);
        expect(hub.send(HUB, "GET", "/twins/rights-1" + API, null, service), 200);
        expect(hub.send(HUB, "PATCH", "/twins/rights-1" + API, "{\"tags\":{\"a\":1}}", service), 200);
        expect(hub.send(HUB, "GET", "/devices/rights-1" + API, null, service), 401);
        expect(hub.send(HUB, "GET", "/devices/rights-1" + API, null, null), 401);
        expect(hub.send(HUB, "GET", "/devices/rights-1" + API, null, server.ownerToken()), 401);
    }

    @Test
    void the_second_hub_is_routed_by_host_keeps_its_own_devices_and_takes_only_its_own_tokens() throws Exception {
        expect(hub.owner(SECOND_HUB, "PUT", "/devices/second-1" + API, "{}"), 200);
        expect(hub.owner(HUB, "PUT", "/devices/first-1" + API, "{}"), 200);

        expect(hub.owner(SECOND_HUB, "GET", "/devices/second-1" + API, null), 200);
        expect(hub.owner(HUB, "GET", "/devices/second-1" + API, null), 404);
        String localhostOwner = HubCalls.token(hub.ownerConnectionString(HUB));
        expect(hub.send(SECOND_HUB, "GET", "/devices/second-1" + API, null, localhostOwner), 401);
        List<String> listed = new ArrayList<>();
        json(expect(hub.owner(SECOND_HUB, "GET", "/devices" + API + "&top=1000", null), 200))
                .forEach(device -> listed.add(device.path("deviceId").asText()));
        assertThat(listed).contains("second-1").doesNotContain("first-1");
    }

    @Test
    void twins_through_the_java_clients_post_override_query_and_an_offline_direct_method() throws Exception {
        expect(hub.owner(SECOND_HUB, "PUT", "/devices/twin-1" + API, "{}"), 200);

        expect(hub.owner(SECOND_HUB, "POST", "/twins/twin-1" + API, "{\"properties\":{\"desired\":{\"on\":true}}}",
                "X-HTTP-Method-Override", "PATCH"), 200);
        HttpResponse<String> page = expect(hub.owner(SECOND_HUB, "POST", "/devices/query" + API,
                "{\"query\":\"SELECT * FROM devices WHERE deviceId = 'twin-1'\"}", "x-ms-max-item-count", "10"), 200);
        assertThat(page.headers().firstValue("x-ms-continuation")).isEmpty();
        assertThat(json(page).get(0).path("properties").path("desired").path("on").asBoolean()).isTrue();
        assertHubError(expect(hub.owner(SECOND_HUB, "POST", "/twins/twin-1/methods" + API,
                "{\"methodName\":\"reboot\",\"responseTimeoutInSeconds\":30}"), 404), "DeviceNotOnline", 404103);
        expect(hub.owner(SECOND_HUB, "POST", "/twins/twin-1/methods" + API, "{\"payload\":1}"), 400);
    }

    private static void assertHubError(HttpResponse<String> response, String code, int number) throws Exception {
        JsonNode body = json(response);
        assertThat(body.path("Message").asText()).startsWith("ErrorCode:" + code + ";");
        assertThat(body.path("ExceptionMessage").asText()).startsWith("Tracking ID:").contains("-TimeStamp:");
        assertThat(body.path("errorCode").asInt()).isEqualTo(number);
        assertThat(response.headers().firstValue("iothub-errorcode")).hasValue(code);
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return DeviceCalls.json(response.body());
    }
}
