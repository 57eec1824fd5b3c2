package org.opendps.hub.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.hub.twin.TwinFixture.DEVICE;
import static org.opendps.hub.twin.TwinFixture.HUB;
import static org.opendps.hub.twin.TwinFixture.START;
import static org.opendps.hub.twin.TwinFixture.json;
import static org.opendps.hub.twin.TwinFixture.parse;
import static org.opendps.hub.twin.TwinFixture.stamp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.hub.Etags;
import org.opendps.hub.registry.DeviceDraft;
import org.opendps.hub.registry.HubDevice;

class TwinRenderingsTest {
    private static final String SHA1 = "A94A8FE5CCB19BA61C4C0873D391E987982FBBD3";

    private final TwinFixture hub = new TwinFixture();

    @Test
    void a_new_twin_in_the_service_api_has_azures_shape_and_member_order() {
        HubDevice device = hub.registry.get(HUB, DEVICE);
        String created = stamp(START);

        JsonNode twin = hub.twin();

        assertThat(twin).isEqualTo(parse(json("{'deviceId':'dev1','etag':'" + Etags.bare(hub.stored().revision())
                + "','deviceEtag':'" + Etags.bare(device.revision()) + "','version':1,'status':'enabled',"
                + "'connectionState':'Disconnected','cloudToDeviceMessageCount':0,'authenticationType':'sas',"
                + "'x509Thumbprint':{'primaryThumbprint':null,'secondaryThumbprint':null},"
                + "'capabilities':{'iotEdge':false},'tags':{},'properties':{"
                + "'desired':{'$metadata':{'$lastUpdated':'" + created + "','$lastUpdatedVersion':1},'$version':1},"
                + "'reported':{'$metadata':{'$lastUpdated':'" + created + "'},'$version':1}}}")));
        assertThat(fieldNames(twin)).containsExactly("deviceId", "etag", "deviceEtag", "version", "status",
                "connectionState", "cloudToDeviceMessageCount", "authenticationType", "x509Thumbprint",
                "capabilities", "tags", "properties");
        assertThat(created).isEqualTo("2026-03-01T10:00:00.0000000Z");
    }

    @Test
    void a_self_signed_device_shows_its_thumbprints_status_reason_and_edge_capability() {
        hub.registry.put(HUB, new DeviceDraft("cam", "disabled", "stolen",
                new DeviceAuthentication.X509Thumbprint(SHA1, null), true), null);

        JsonNode twin = parse(hub.service.get(HUB, "cam"));

        assertThat(twin.get("authenticationType").asText()).isEqualTo("selfSigned");
        assertThat(twin.get("x509Thumbprint")).isEqualTo(parse(json(
                "{'primaryThumbprint':'" + SHA1 + "','secondaryThumbprint':null}")));
        assertThat(twin.get("status").asText()).isEqualTo("disabled");
        assertThat(twin.get("statusReason").asText()).isEqualTo("stolen");
        assertThat(twin.get("capabilities").get("iotEdge").asBoolean()).isTrue();
    }

    @Test
    void a_ca_signed_device_shows_certificate_authority_and_null_thumbprints() {
        hub.registry.put(HUB, new DeviceDraft("ca-1", null, null, new DeviceAuthentication.CertificateAuthority(),
                false), null);

        JsonNode twin = parse(hub.service.get(HUB, "ca-1"));

        assertThat(twin.get("authenticationType").asText()).isEqualTo("certificateAuthority");
        assertThat(twin.get("x509Thumbprint")).isEqualTo(parse(json(
                "{'primaryThumbprint':null,'secondaryThumbprint':null}")));
    }

    @Test
    void the_device_get_has_versions_but_neither_tags_nor_metadata() {
        hub.service.patch(HUB, DEVICE, json("{'tags':{'site':'north'},'properties':{'desired':{'rate':5}}}"), null);
        hub.service.patchReported(HUB, DEVICE, json("{'fw':'1.2'}"));

        assertThat(parse(hub.service.getForDevice(HUB, DEVICE))).isEqualTo(parse(json(
                "{'desired':{'rate':5,'$version':2},'reported':{'fw':'1.2','$version':2}}")));
    }

    @Test
    void the_service_twin_shows_metadata_beside_the_values_and_the_version_last() {
        Instant patched = hub.tick();
        hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':{'cfg':{'rate':5}}}}"), null);

        JsonNode desired = hub.twin().get("properties").get("desired");

        String at = stamp(patched);
        assertThat(desired).isEqualTo(parse(json("{'cfg':{'rate':5},'$metadata':{'$lastUpdated':'" + at
                + "','$lastUpdatedVersion':2,'cfg':{'$lastUpdated':'" + at + "','$lastUpdatedVersion':2,"
                + "'rate':{'$lastUpdated':'" + at + "','$lastUpdatedVersion':2}}},'$version':2}")));
        assertThat(fieldNames(desired)).containsExactly("cfg", "$metadata", "$version");
    }

    @Test
    void the_desired_notification_is_the_applied_patch_plus_its_version() {
        hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':{'rate':5,'mode':{'eco':true}}}}"), null);
        hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':{'rate':null,'mode':{'eco':false}}}}"), null);

        assertThat(hub.notifications).extracting(n -> parse(n.json())).containsExactly(
                parse(json("{'rate':5,'mode':{'eco':true},'$version':2}")),
                parse(json("{'rate':null,'mode':{'eco':false},'$version':3}")));
        assertThat(hub.notifications).extracting(TwinFixture.Notification::version).containsExactly(2L, 3L);
        assertThat(hub.notifications).extracting(TwinFixture.Notification::hub).containsOnly(HUB);
    }

    private static List<String> fieldNames(JsonNode node) {
        return node.properties().stream().map(java.util.Map.Entry::getKey).toList();
    }
}
