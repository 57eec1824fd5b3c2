package org.opendps.server.http.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.server.http.hub.HubRoutesFixture.HUB;
import static org.opendps.server.http.hub.HubRoutesFixture.OTHER_HUB;
import static org.opendps.server.http.hub.HubRoutesFixture.body;
import static org.opendps.server.http.hub.HubRoutesFixture.errorCode;
import static org.opendps.server.http.hub.HubRoutesFixture.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.hub.builtin.HubPolicy;
import org.opendps.server.http.ApiResponse;

/** {@code /devices} of a built-in hub: IoT Hub's If-Match rules, the hub's error shape, routing by Host, rights. */
class HubDeviceRoutesTest {
    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private final HubRoutesFixture hub = new HubRoutesFixture();

    @Test
    void put_creates_with_given_keys_and_get_shows_the_device_in_azures_shape() {
        ApiResponse created = hub.send("PUT", "/devices/dev-1?api-version=2021-04-12", json("{'deviceId':'dev-1',"
                + "'status':'Enabled','authentication':{'type':'sas','symmetricKey':{'primaryKey':'" + KEY
                + "','secondaryKey':'" + KEY + "'}}}"));

        assertThat(created.status()).isEqualTo(200);
        JsonNode device = body(hub.send("GET", "/devices/dev-1", null));
        assertThat(device.path("deviceId").asText()).isEqualTo("dev-1");
        assertThat(device.path("status").asText()).isEqualTo("enabled");
        assertThat(device.path("connectionState").asText()).isEqualTo("Disconnected");
        assertThat(device.path("lastActivityTime").asText()).isEqualTo("0001-01-01T00:00:00Z");
        assertThat(device.path("authentication").path("symmetricKey").path("primaryKey").asText()).isEqualTo(KEY);
        assertThat(device.path("etag").asText()).isEqualTo(body(created).path("etag").asText()).doesNotContain("\"");
        assertThat(device.path("generationId").asText()).isNotEmpty();
    }

    @Test
    void put_without_if_match_on_an_existing_device_is_409_in_the_hub_error_shape() {
        hub.send("PUT", "/devices/dev-1", "{}");

        ApiResponse again = hub.send("PUT", "/devices/dev-1", "{}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(errorCode(again)).isEqualTo("DeviceAlreadyExists");
        assertThat(body(again).path("errorCode").asInt()).isEqualTo(409001);
        assertThat(body(again).path("ExceptionMessage").asText())
                .matches("Tracking ID:[0-9a-f-]{36}-TimeStamp:\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d");
    }

    @Test
    void if_match_star_or_the_current_etag_quoted_or_not_replaces_and_a_stale_one_is_412() {
        String etag = body(hub.send("PUT", "/devices/dev-1", "{}")).path("etag").asText();

        ApiResponse disabled = hub.send("PUT", "/devices/dev-1", json("{'status':'disabled'}"), "If-Match", "*");
        assertThat(body(disabled).path("status").asText()).isEqualTo("disabled");
        ApiResponse stale = hub.send("PUT", "/devices/dev-1", "{}", "If-Match", "\"" + etag + "\"");
        assertThat(stale.status()).isEqualTo(412);
        assertThat(errorCode(stale)).isEqualTo("PreconditionFailed");
        String current = body(disabled).path("etag").asText();
        assertThat(hub.send("PUT", "/devices/dev-1", "{}", "If-Match", current).status()).isEqualTo(200);
        assertThat(hub.send("PUT", "/devices/dev-1", "{}", "If-Match", "\"*\"").status()).isEqualTo(200);
    }

    @Test
    void delete_honours_if_match_and_a_deleted_device_is_404_device_not_found() {
        String etag = body(hub.send("PUT", "/devices/dev-1", "{}")).path("etag").asText();
        hub.send("PUT", "/devices/dev-1", "{}", "If-Match", "*");

        assertThat(hub.send("DELETE", "/devices/dev-1", null, "If-Match", "\"" + etag + "\"").status()).isEqualTo(412);
        assertThat(hub.send("DELETE", "/devices/dev-1", null).status()).isEqualTo(204);
        ApiResponse gone = hub.send("GET", "/devices/dev-1", null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(errorCode(gone)).isEqualTo("DeviceNotFound");
        assertThat(body(gone).path("errorCode").asInt()).isEqualTo(404001);
        assertThat(hub.send("DELETE", "/devices/dev-1", null).status()).isEqualTo(404);
    }

    @Test
    void a_body_naming_another_device_or_an_unsupported_authentication_is_400() {
        assertThat(errorCode(hub.send("PUT", "/devices/dev-1", json("{'deviceId':'dev-2'}"))))
                .isEqualTo("InvalidField");
        assertThat(hub.send("PUT", "/devices/dev-1", json("{'authentication':{'type':'none'}}"))
                .status()).isEqualTo(400);
        assertThat(hub.send("PUT", "/devices/dev-1", "not json").status()).isEqualTo(400);
    }

    @Test
    void a_ca_signed_device_is_created_without_keys_and_answered_with_null_keys_and_thumbprints() {
        ApiResponse created = hub.send("PUT", "/devices/ca-1",
                json("{'deviceId':'ca-1','authentication':{'type':'certificateAuthority'}}"));

        assertThat(created.status()).isEqualTo(200);
        assertThat(body(hub.send("GET", "/devices/ca-1", null)).path("authentication").toString()).isEqualTo(json(
                "{'symmetricKey':{'primaryKey':null,'secondaryKey':null},'x509Thumbprint':{'primaryThumbprint':null,"
                        + "'secondaryThumbprint':null},'type':'certificateAuthority'}"));
    }

    @Test
    void list_answers_the_first_top_devices_in_id_order() {
        for (String id : new String[] {"c", "a", "b"}) {
            hub.send("PUT", "/devices/" + id, "{}");
        }

        JsonNode two = body(hub.send("GET", "/devices?top=2", null));

        assertThat(two.size()).isEqualTo(2);
        assertThat(two.get(0).path("deviceId").asText()).isEqualTo("a");
        assertThat(two.get(1).path("deviceId").asText()).isEqualTo("b");
        assertThat(body(hub.send("GET", "/devices", null)).size()).isEqualTo(3);
        assertThat(hub.send("GET", "/devices?top=0", null).status()).isEqualTo(400);
        assertThat(hub.send("GET", "/devices?top=many", null).status()).isEqualTo(400);
    }

    @Test
    void the_host_header_picks_the_hub_case_and_port_aside_and_each_hub_keeps_its_own_devices() {
        hub.send("PUT", "/devices/dev-1", "{}");

        ApiResponse other = hub.raw("GET", "/devices/dev-1", null, "Host", OTHER_HUB,
                "Authorization", hub.token(OTHER_HUB, HubPolicy.OWNER));
        assertThat(other.status()).isEqualTo(404);
        assertThat(hub.raw("GET", "/devices/dev-1", null, "Host", "HUB-1.Example.NET",
                "Authorization", hub.token(HUB, HubPolicy.OWNER)).status()).isEqualTo(200);
    }

    @Test
    void a_host_that_is_no_built_in_hub_is_404_in_the_hub_error_shape() {
        ApiResponse unknown = hub.raw("GET", "/devices/dev-1", null, "Host", "elsewhere.example.net:443",
                "Authorization", hub.token(HUB, HubPolicy.OWNER));

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(errorCode(unknown)).isEqualTo("NotFound");
        assertThat(hub.raw("GET", "/devices/dev-1", null).status()).isEqualTo(404);
    }

    @Test
    void missing_wrong_foreign_and_expired_tokens_are_401() {
        assertThat(hub.raw("GET", "/devices/d", null, "Host", HUB).status()).isEqualTo(401);
        assertThat(hub.raw("GET", "/devices/d", null, "Host", HUB, "Authorization", "Bearer x").status())
                .isEqualTo(401);
        assertThat(hub.raw("GET", "/devices/d", null, "Host", HUB,
                "Authorization", hub.token(OTHER_HUB, HubPolicy.OWNER)).status()).as("another hub's token")
                .isEqualTo(401);
        String owner = hub.hubs.hubs().find(HUB).orElseThrow().owner().primaryKey();
        String expired = SharedAccessSignatures.createToken(HUB, HubPolicy.OWNER, owner,
                Instant.now().minusSeconds(120).getEpochSecond());
        assertThat(errorCode(hub.raw("GET", "/devices/d", null, "Host", HUB, "Authorization", expired)))
                .isEqualTo("TokenExpired");
    }

    @Test
    void rights_are_azures_registry_read_reads_registry_write_writes_service_connect_does_neither() {
        hub.send("PUT", "/devices/dev-1", "{}");

        assertThat(asPolicy("registryRead", "GET", "/devices/dev-1", null).status()).isEqualTo(200);
        assertThat(asPolicy("registryRead", "GET", "/devices", null).status()).isEqualTo(200);
        ApiResponse refused = asPolicy("registryRead", "PUT", "/devices/dev-2", "{}");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(errorCode(refused)).isEqualTo("InsufficientRights");
        assertThat(asPolicy("registryRead", "DELETE", "/devices/dev-1", null).status()).isEqualTo(401);
        assertThat(asPolicy("registryReadWrite", "PUT", "/devices/dev-2", "{}").status()).isEqualTo(200);
        assertThat(asPolicy("service", "GET", "/devices/dev-1", null).status()).isEqualTo(401);
    }

    private ApiResponse asPolicy(String policy, String method, String path, String body) {
        return hub.raw(method, path, body, "Host", HUB, "Authorization", hub.token(HUB, policy));
    }
}
