package org.opendps.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.server.outbound.FakeIotHub.Received;
import org.opendps.server.outbound.FakeIotHub.Star;

/** Devices and twins managed over HTTPS in a hub that behaves like Azure's service API. */
class RestHubGatewayTest {
    static final String KEY = SharedAccessSignatures.generateKey();
    static final LinkedHub HUB = new LinkedHub("hub-a.example.net", "iothubowner", KEY, "", 1, true);
    private static final String THUMBPRINT = "A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90";
    private static final DeviceIdentity SAS = new DeviceIdentity("dev-1", new DeviceAuthentication.SymmetricKey(
            SharedAccessSignatures.generateKey(), SharedAccessSignatures.generateKey()), false, true);
    private static final DeviceIdentity X509 =
            new DeviceIdentity("edge-1", new DeviceAuthentication.X509Thumbprint(THUMBPRINT, null), true, false);

    private final FakeIotHub hub = new FakeIotHub("iothubowner", KEY);
    private final RestHubGateway gateway = gatewayTo(hub);

    static RestHubGateway gatewayTo(FakeIotHub hub) {
        return new RestHubGateway(h -> hub.baseUri(), Duration.ofSeconds(5), Duration.ofSeconds(5),
                List.of(FakeIotHub.CA.certificate()));
    }

    @AfterEach
    void stop() {
        hub.close();
    }

    @Test
    void sas_device_is_created_and_read_back_with_the_api_version_and_headers_of_the_service_sdks() {
        gateway.putDevice(HUB, SAS);

        assertThat(gateway.getDevice(HUB, "dev-1")).contains(SAS);
        Received first = hub.received().get(0);
        assertThat(first.query()).isEqualTo("api-version=2021-04-12");
        assertThat(first.authorization()).startsWith("SharedAccessSignature sr=hub-a.example.net&sig=")
                .endsWith("&skn=iothubowner");
        assertThat(first.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(first.accept()).isEqualTo("application/json");
    }

    @Test
    void a_hub_that_refuses_star_for_a_new_device_gets_it_created_without_if_match() {
        gateway.putDevice(HUB, X509);

        assertThat(hub.received()).extracting(Received::method, Received::rawPath, Received::ifMatch).containsExactly(
                tuple("PUT", "/devices/edge-1", "\"*\""),
                tuple("GET", "/devices/edge-1", null),
                tuple("PUT", "/devices/edge-1", null));
        assertThat(gateway.getDevice(HUB, "edge-1")).contains(X509);
    }

    @Test
    void a_hub_that_creates_with_star_is_called_once() {
        hub.star(Star.CREATES);

        gateway.putDevice(HUB, X509);

        assertThat(hub.received()).hasSize(1);
        assertThat(gateway.getDevice(HUB, "edge-1")).contains(X509);
    }

    @Test
    void put_again_replaces_in_one_call_and_is_idempotent() {
        gateway.putDevice(HUB, SAS);
        int before = hub.received().size();
        DeviceIdentity disabled = new DeviceIdentity("dev-1", SAS.authentication(), true, false);

        gateway.putDevice(HUB, disabled);
        gateway.putDevice(HUB, disabled);

        assertThat(hub.received()).hasSize(before + 2);
        assertThat(hub.devices()).containsOnlyKeys("dev-1");
        assertThat(gateway.getDevice(HUB, "dev-1")).contains(disabled);
    }

    @Test
    void a_hub_that_refuses_star_for_an_existing_device_gets_it_replaced_under_its_etag() {
        gateway.putDevice(HUB, SAS);
        hub.star(Star.REFUSED);
        String etag = hub.devices().get("dev-1").get("etag").asText();
        int before = hub.received().size();
        DeviceIdentity edge = new DeviceIdentity("dev-1", SAS.authentication(), true, true);

        gateway.putDevice(HUB, edge);

        assertThat(hub.received().subList(before, hub.received().size()))
                .extracting(Received::method, Received::ifMatch)
                .containsExactly(tuple("PUT", "\"*\""), tuple("GET", null), tuple("PUT", "\"" + etag + "\""));
        assertThat(gateway.getDevice(HUB, "dev-1")).contains(edge);
    }

    @Test
    void twin_replace_sends_tags_and_desired_only_and_read_gives_them_back_without_metadata() {
        gateway.putDevice(HUB, SAS);
        DeviceTwin twin = new DeviceTwin(new JsonText("{\"tags\":{\"floor\":3},\"properties\":{\"desired\":"
                + "{\"rate\":1.50,\"$version\":9,\"$metadata\":{}},\"reported\":{\"x\":1}}}"));

        gateway.replaceTwin(HUB, "dev-1", twin);

        Received put = hub.received().get(hub.received().size() - 1);
        assertThat(put.rawPath()).isEqualTo("/twins/dev-1");
        assertThat(put.body()).isEqualTo("{\"tags\":{\"floor\":3},\"properties\":{\"desired\":{\"rate\":1.50}}}");
        assertThat(gateway.readTwin(HUB, "dev-1")).contains(new DeviceTwin(new JsonText("{\"tags\":{\"floor\":3},"
                + "\"properties\":{\"desired\":{\"rate\":1.50},\"reported\":{\"firmware\":\"1.0\"}}}")));
    }

    @Test
    void a_new_device_has_an_empty_twin_and_an_unknown_one_none() {
        gateway.putDevice(HUB, SAS);

        assertThat(gateway.readTwin(HUB, "dev-1")).contains(new DeviceTwin(new JsonText(
                "{\"tags\":{},\"properties\":{\"desired\":{},\"reported\":{\"firmware\":\"1.0\"}}}")));
        assertThat(gateway.readTwin(HUB, "nobody")).isEmpty();
        assertThat(gateway.getDevice(HUB, "nobody")).isEmpty();
    }

    @Test
    void delete_says_whether_there_was_a_device_and_takes_its_twin_along() {
        gateway.putDevice(HUB, SAS);

        assertThat(gateway.deleteDevice(HUB, "dev-1")).isTrue();
        assertThat(gateway.deleteDevice(HUB, "dev-1")).isFalse();
        assertThat(gateway.getDevice(HUB, "dev-1")).isEmpty();
        assertThat(gateway.readTwin(HUB, "dev-1")).isEmpty();
        assertThat(hub.received().get(hub.received().size() - 3).ifMatch()).isEqualTo("\"*\"");
    }

    @Test
    void ids_with_every_special_character_azure_allows_are_percent_encoded_in_the_path() {
        String id = "a+b%c#d*e?f!g(h)i,j=k@l$m'n.o_p-q";
        DeviceIdentity device = new DeviceIdentity(id, SAS.authentication(), false, true);

        gateway.putDevice(HUB, device);

        assertThat(gateway.getDevice(HUB, id)).contains(device);
        assertThat(hub.devices()).containsOnlyKeys(id);
        assertThat(hub.received().get(0).rawPath())
                .isEqualTo("/devices/a%2Bb%25c%23d%2Ae%3Ff%21g%28h%29i%2Cj%3Dk%40l%24m%27n.o_p-q");
        gateway.replaceTwin(HUB, id, DeviceTwin.EMPTY);
        assertThat(gateway.readTwin(HUB, id)).isPresent();
        assertThat(gateway.deleteDevice(HUB, id)).isTrue();
    }

    @Test
    void an_id_of_dots_alone_is_not_taken_for_a_dot_segment() {
        DeviceIdentity dots = new DeviceIdentity("..", SAS.authentication(), false, true);

        gateway.putDevice(HUB, dots);

        assertThat(hub.received().get(0).rawPath()).isEqualTo("/devices/%2E%2E");
        assertThat(gateway.getDevice(HUB, "..")).contains(dots);
    }
}
