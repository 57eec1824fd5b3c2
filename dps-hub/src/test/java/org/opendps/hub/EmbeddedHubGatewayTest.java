package org.opendps.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.HubGateway.HubException;
import org.opendps.core.hub.LinkedHub;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.HubPolicy;
import org.opendps.hub.builtin.HubRight;
import org.opendps.hub.registry.HubRegistry;
import org.opendps.hub.twin.TwinService;

class EmbeddedHubGatewayTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String DEVICE_KEY = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});
    private static final LinkedHub HUB_A = new LinkedHub("Hub-A.Example", "iothubowner", KEY, "", 1, true);
    private static final LinkedHub HUB_B = new LinkedHub("hub-b.example", "iothubowner", KEY, "", 1, true);
    private static final LinkedHub AZURE = new LinkedHub("x.azure-devices.net", "iothubowner", KEY, "", 1, true);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryBuiltInHubStore builtIn = new InMemoryBuiltInHubStore();
    private final InMemoryHubDeviceStore devices = new InMemoryHubDeviceStore();
    private final InMemoryTwinStore twins = new InMemoryTwinStore();
    private final TwinService twinService = new TwinService(devices, twins, clock);
    private final EmbeddedHubGateway gateway = new EmbeddedHubGateway(builtIn,
            new HubRegistry(devices, twins, clock), twinService);

    @BeforeEach
    void createHubs() {
        for (String host : List.of("hub-a.example", "hub-b.example")) {
            builtIn.createIfAbsent(new BuiltInHub(host, clock.instant(),
                    List.of(new HubPolicy(HubPolicy.OWNER, KEY, KEY, HubRight.all()))));
        }
    }

    private static DeviceIdentity sas(String deviceId) {
        return new DeviceIdentity(deviceId, new DeviceAuthentication.SymmetricKey(DEVICE_KEY, DEVICE_KEY), false,
                true);
    }

    private static DeviceTwin twin(String singleQuoted) {
        return new DeviceTwin(new JsonText(singleQuoted.replace('\'', '"')));
    }

    private static JsonNode parse(DeviceTwin twin) throws Exception {
        return JSON.readTree(twin.json().json());
    }

    @Test
    void put_get_and_delete_round_trip_with_put_replacing_the_identity_and_keeping_the_twin() throws Exception {
        gateway.putDevice(HUB_A, sas("reg-1"));
        gateway.replaceTwin(HUB_A, "reg-1", twin("{'tags':{'t':1},'properties':{'desired':{'d':1}}}"));
        DeviceIdentity edge = new DeviceIdentity("reg-1", new DeviceAuthentication.X509Thumbprint(
                "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", null), true, false);

        gateway.putDevice(HUB_A, edge);

        assertThat(gateway.getDevice(HUB_A, "reg-1")).contains(new DeviceIdentity("reg-1",
                new DeviceAuthentication.X509Thumbprint("A94A8FE5CCB19BA61C4C0873D391E987982FBBD3", null), true,
                false));
        assertThat(parse(gateway.readTwin(HUB_A, "reg-1").orElseThrow()).get("tags").get("t").asInt())
                .isEqualTo(1);
        assertThat(gateway.deleteDevice(HUB_A, "reg-1")).isTrue();
        assertThat(gateway.deleteDevice(HUB_A, "reg-1")).isFalse();
        assertThat(gateway.getDevice(HUB_A, "reg-1")).isEmpty();
        assertThat(gateway.readTwin(HUB_A, "reg-1")).isEmpty();
    }

    @Test
    void a_twin_moves_between_built_in_hubs_with_its_reported_properties() throws Exception {
        gateway.putDevice(HUB_A, sas("reg-1"));
        gateway.replaceTwin(HUB_A, "reg-1", twin("{'tags':{'t':1},'properties':{'desired':{'d':{'x':1}}}}"));
        twinService.patchReported("hub-a.example", "reg-1", "{\"fw\":\"1.0\",\"net\":{\"up\":true}}");

        DeviceTwin read = gateway.readTwin(HUB_A, "reg-1").orElseThrow();
        gateway.putDevice(HUB_B, sas("reg-1"));
        gateway.replaceTwin(HUB_B, "reg-1", read);

        JsonNode expected = JSON.readTree("{\"tags\":{\"t\":1},\"properties\":{\"desired\":{\"d\":{\"x\":1}},"
                + "\"reported\":{\"fw\":\"1.0\",\"net\":{\"up\":true}}}}");
        assertThat(parse(read)).isEqualTo(expected);
        assertThat(parse(gateway.readTwin(HUB_B, "reg-1").orElseThrow())).isEqualTo(expected);
        assertThat(twinService.getForDevice("hub-b.example", "reg-1")).contains("\"fw\":\"1.0\"");
    }

    @Test
    void an_initial_twin_without_reported_properties_keeps_the_reported_ones() throws Exception {
        gateway.putDevice(HUB_A, sas("reg-1"));
        twinService.patchReported("hub-a.example", "reg-1", "{\"fw\":\"1.0\"}");

        gateway.replaceTwin(HUB_A, "reg-1", DeviceTwin.EMPTY);

        assertThat(parse(gateway.readTwin(HUB_A, "reg-1").orElseThrow()).get("properties").get("reported")
                .get("fw").asText()).isEqualTo("1.0");
    }

    @Test
    void a_hub_that_is_not_built_in_is_refused_without_retry() {
        assertThatThrownBy(() -> gateway.putDevice(AZURE, sas("reg-1")))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("x.azure-devices.net is not a built-in hub");
                });
        assertThatThrownBy(() -> gateway.readTwin(AZURE, "reg-1")).isInstanceOf(HubException.class);
    }

    @Test
    void refusals_of_the_hub_are_not_retryable_and_say_why_without_the_key() {
        String badKey = Base64.getEncoder().encodeToString(new byte[70]);
        DeviceIdentity badIdentity = new DeviceIdentity("reg-1",
                new DeviceAuthentication.SymmetricKey(badKey, DEVICE_KEY), false, true);

        assertThatThrownBy(() -> gateway.putDevice(HUB_A, badIdentity))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("Hub-A.Example answered 400 InvalidField to PUT device of "
                            + "'reg-1'", "authentication.symmetricKey.primaryKey").doesNotContain(badKey);
                });
        assertThatThrownBy(() -> gateway.replaceTwin(HUB_A, "absent", DeviceTwin.EMPTY))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).contains("404 DeviceNotFound");
                });
        gateway.putDevice(HUB_A, sas("reg-1"));
        assertThatThrownBy(() -> gateway.replaceTwin(HUB_A, "reg-1", twin("{'tags':{'a.b':1}}")))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.getMessage()).contains("'tags'"));
    }
}
