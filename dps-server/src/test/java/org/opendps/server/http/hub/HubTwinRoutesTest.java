package org.opendps.server.http.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.server.http.hub.HubRoutesFixture.HUB;
import static org.opendps.server.http.hub.HubRoutesFixture.body;
import static org.opendps.server.http.hub.HubRoutesFixture.errorCode;
import static org.opendps.server.http.hub.HubRoutesFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.server.http.ApiResponse;

/** {@code /twins}, direct methods and {@code /devices/query} of a built-in hub. */
class HubTwinRoutesTest {
    private final HubRoutesFixture hub = new HubRoutesFixture();

    @Test
    void patch_put_and_the_java_clients_post_override_write_tags_and_desired_properties() {
        hub.send("PUT", "/devices/dev-1", "{}");

        assertThat(hub.send("PATCH", "/twins/dev-1", json("{'tags':{'site':'berlin'}}")).status()).isEqualTo(200);
        ApiResponse overridden = hub.send("POST", "/twins/dev-1", json("{'properties':{'desired':{'rate':5}}}"),
                "X-HTTP-Method-Override", "PATCH");
        assertThat(overridden.status()).isEqualTo(200);
        JsonNode twin = body(hub.send("GET", "/twins/dev-1", null));
        assertThat(twin.path("tags").path("site").asText()).isEqualTo("berlin");
        assertThat(twin.path("properties").path("desired").path("rate").asInt()).isEqualTo(5);
        JsonNode replaced = body(hub.send("PUT", "/twins/dev-1", json("{'tags':{'floor':2}}")));
        assertThat(replaced.path("tags").has("site")).isFalse();
        assertThat(replaced.path("properties").path("desired").has("rate")).isFalse();
    }

    @Test
    void a_stale_twin_etag_is_412_and_a_plain_post_is_405_in_the_hub_shape() {
        hub.send("PUT", "/devices/dev-1", "{}");
        String etag = body(hub.send("GET", "/twins/dev-1", null)).path("etag").asText();
        hub.send("PATCH", "/twins/dev-1", json("{'tags':{'a':1}}"));

        assertThat(hub.send("PATCH", "/twins/dev-1", json("{'tags':{'a':2}}"), "If-Match", "\"" + etag + "\"")
                .status()).isEqualTo(412);
        ApiResponse post = hub.send("POST", "/twins/dev-1", json("{'tags':{'a':2}}"));
        assertThat(post.status()).isEqualTo(405);
        assertThat(errorCode(post)).isEqualTo("MethodNotAllowed");
    }

    @Test
    void twins_need_service_connect_which_the_service_policy_has_and_registry_read_lacks() {
        hub.send("PUT", "/devices/dev-1", "{}");

        assertThat(hub.raw("GET", "/twins/dev-1", null, "Host", HUB, "Authorization", hub.token(HUB, "service"))
                .status()).isEqualTo(200);
        assertThat(hub.raw("GET", "/twins/dev-1", null, "Host", HUB, "Authorization", hub.token(HUB, "registryRead"))
                .status()).isEqualTo(401);
        assertThat(errorCode(hub.send("GET", "/twins/nobody", null))).isEqualTo("DeviceNotFound");
    }

    @Test
    void a_direct_method_is_checked_then_answered_as_for_an_offline_device() {
        hub.send("PUT", "/devices/dev-1", "{}");

        assertThat(hub.send("POST", "/twins/dev-1/methods", json("{'payload':{}}")).status()).isEqualTo(400);
        assertThat(hub.send("POST", "/twins/dev-1/methods", json("{'methodName':'m','responseTimeoutInSeconds':1}"))
                .status()).isEqualTo(400);
        assertThat(errorCode(hub.send("POST", "/twins/nobody/methods", json("{'methodName':'reboot'}"))))
                .isEqualTo("DeviceNotFound");
        ApiResponse offline = hub.send("POST", "/twins/dev-1/methods", json("{'methodName':'reboot',"
                + "'payload':{'delay':1},'responseTimeoutInSeconds':30}"));
        assertThat(offline.status()).isEqualTo(404);
        assertThat(errorCode(offline)).isEqualTo("DeviceNotOnline");
        assertThat(body(offline).path("errorCode").asInt()).isEqualTo(404103);
    }

    @Test
    void query_pages_through_every_twin_with_a_continuation_only_while_more_follow() {
        for (int i = 0; i < 5; i++) {
            hub.send("PUT", "/devices/dev-" + i, "{}");
        }
        List<String> seen = new ArrayList<>();
        String continuation = null;
        int pages = 0;
        do {
            ApiResponse page = continuation == null
                    ? query("SELECT * FROM devices", "x-ms-max-item-count", "2")
                    : query("SELECT * FROM devices", "x-ms-max-item-count", "2", "x-ms-continuation", continuation);
            assertThat(page.status()).isEqualTo(200);
            body(page).forEach(twin -> seen.add(twin.path("deviceId").asText()));
            continuation = page.headers().get("x-ms-continuation");
            pages++;
        } while (continuation != null && pages < 10);

        assertThat(seen).containsExactly("dev-0", "dev-1", "dev-2", "dev-3", "dev-4");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void query_filters_on_device_id_and_status_and_refuses_what_it_does_not_understand() {
        hub.send("PUT", "/devices/on", "{}");
        hub.send("PUT", "/devices/off", json("{'status':'disabled'}"));

        assertThat(ids(query("select * from devices where deviceId = 'on'"))).containsExactly("on");
        assertThat(ids(query("SELECT * FROM devices WHERE status = 'Disabled'"))).containsExactly("off");
        assertThat(ids(query("SELECT * FROM devices WHERE deviceId = 'on' AND status = 'disabled'"))).isEmpty();
        for (String unsupported : List.of("SELECT deviceId FROM devices", "SELECT * FROM devices.modules",
                "SELECT * FROM devices WHERE tags.site = 'x'", "SELECT * FROM devices WHERE status > 1")) {
            ApiResponse refused = query(unsupported);
            assertThat(refused.status()).as(unsupported).isEqualTo(400);
            assertThat(errorCode(refused)).isEqualTo("InvalidQuery");
        }
    }

    @Test
    void registry_read_may_query_too() {
        hub.send("PUT", "/devices/dev-1", "{}");

        ApiResponse page = hub.raw("POST", "/devices/query", json("{'query':'SELECT * FROM devices'}"), "Host", HUB,
                "Authorization", hub.token(HUB, "registryRead"));

        assertThat(ids(page)).containsExactly("dev-1");
    }

    private ApiResponse query(String sql, String... headers) {
        return hub.send("POST", "/devices/query", json("{'query':'" + sql.replace("'", "\\u0027") + "'}"), headers);
    }

    private static List<String> ids(ApiResponse response) {
        assertThat(response.status()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        body(response).forEach(twin -> ids.add(twin.path("deviceId").asText()));
        return ids;
    }
}
