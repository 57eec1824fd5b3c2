package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.PRIMARY_KEY;
import static org.opendps.wire.json.Fixtures.SECONDARY_KEY;
import static org.opendps.wire.json.Fixtures.assertInvalidField;
import static org.opendps.wire.json.Fixtures.json;
import static org.opendps.wire.json.Fixtures.text;
import static org.opendps.wire.json.Fixtures.tree;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.wire.json.HubRegistryJson.DeviceBody;
import org.opendps.wire.json.HubRegistryJson.DeviceView;

/** The built-in hub's side of the device JSON: what clients PUT, what the hub answers. */
class HubRegistryJsonTest {
    private static final String SHA1 = "0123456789ABCDEF0123456789ABCDEF01234567";
    private static final DeviceView SAS = new DeviceView("dev-1", "638100", "1a2b-3", true, null,
            new DeviceAuthentication.SymmetricKey(PRIMARY_KEY, SECONDARY_KEY), false);

    @Test
    void device_is_written_in_azures_shape_and_order_with_never_times() {
        assertThat(text(HubRegistryJson.writeDevice(SAS))).isEqualTo(text(json("{'deviceId':'dev-1',"
                + "'generationId':'638100','etag':'1a2b-3','connectionState':'Disconnected','status':'enabled',"
                + "'statusReason':null,'connectionStateUpdatedTime':'0001-01-01T00:00:00Z',"
                + "'statusUpdatedTime':'0001-01-01T00:00:00Z','lastActivityTime':'0001-01-01T00:00:00Z',"
                + "'cloudToDeviceMessageCount':0,'authentication':{'symmetricKey':{'primaryKey':'" + PRIMARY_KEY
                + "','secondaryKey':'" + SECONDARY_KEY + "'},'x509Thumbprint':{'primaryThumbprint':null,"
                + "'secondaryThumbprint':null},'type':'sas'},'capabilities':{'iotEdge':false}}")));
    }

    @Test
    void x509_device_is_self_signed_with_null_keys() {
        DeviceView x509 = new DeviceView("edge-1", "1", "e", false, "stolen",
                new DeviceAuthentication.X509Thumbprint(SHA1, null), true);

        var node = tree(HubRegistryJson.writeDevice(x509));

        assertThat(node.path("status").asText()).isEqualTo("disabled");
        assertThat(node.path("statusReason").asText()).isEqualTo("stolen");
        assertThat(node.path("authentication").path("type").asText()).isEqualTo("selfSigned");
        assertThat(node.path("authentication").path("x509Thumbprint").path("primaryThumbprint").asText())
                .isEqualTo(SHA1);
        assertThat(node.path("authentication").path("symmetricKey").path("primaryKey").isNull()).isTrue();
        assertThat(node.path("capabilities").path("iotEdge").asBoolean()).isTrue();
    }

    @Test
    void certificate_authority_device_has_null_keys_and_thumbprints_and_reads_back_from_either_codec() {
        DeviceView ca = new DeviceView("dev-ca", "1", "e", true, null, new DeviceAuthentication.CertificateAuthority(),
                false);

        byte[] written = HubRegistryJson.writeDevice(ca);

        assertThat(tree(written).path("authentication")).isEqualTo(tree(json("{'symmetricKey':"
                + "{'primaryKey':null,'secondaryKey':null},'x509Thumbprint':{'primaryThumbprint':null,"
                + "'secondaryThumbprint':null},'type':'certificateAuthority'}")));
        assertThat(HubRegistryJson.readDevice(written).authentication())
                .isEqualTo(new DeviceAuthentication.CertificateAuthority());
        assertThat(HubDeviceJson.readDevice(written).authentication())
                .isEqualTo(new DeviceAuthentication.CertificateAuthority());
    }

    @Test
    void certificate_authority_as_the_java_client_sends_it_reads_in_any_case_ignoring_keys() {
        // The Java service client 2.1.9 sends the type alone for AuthenticationType.CERTIFICATE_AUTHORITY.
        assertThat(HubRegistryJson.readDevice(json("{'deviceId':'dev-ca','status':'Enabled',"
                + "'authentication':{'type':'certificateAuthority'},'parentScopes':[]}")))
                .isEqualTo(new DeviceBody("dev-ca", "Enabled", null, new DeviceAuthentication.CertificateAuthority(),
                        false));
        assertThat(HubRegistryJson.readDevice(json("{'authentication':{'type':'CERTIFICATEAUTHORITY',"
                + "'symmetricKey':{'primaryKey':'" + PRIMARY_KEY + "'},'x509Thumbprint':{'primaryThumbprint':'"
                + SHA1 + "'}}}")).authentication()).isEqualTo(new DeviceAuthentication.CertificateAuthority());
    }

    @Test
    void the_rest_gateways_reader_takes_what_the_hub_writes() {
        assertThat(HubDeviceJson.readDevice(HubRegistryJson.writeDevice(SAS))).isEqualTo(new DeviceIdentity("dev-1",
                new DeviceAuthentication.SymmetricKey(PRIMARY_KEY, SECONDARY_KEY), false, true));
        assertThat(HubDeviceJson.readEtag(HubRegistryJson.writeDevice(SAS))).isEqualTo("1a2b-3");
    }

    @Test
    void the_java_clients_put_body_reads_with_read_only_fields_ignored() {
        DeviceBody body = HubRegistryJson.readDevice(json("{'etag':'','deviceId':'dev1','generationId':'',"
                + "'status':'Enabled','statusUpdatedTime':'0001-12-30T00:00:00','connectionState':'Disconnected',"
                + "'cloudToDeviceMessageCount':0,'authentication':{'symmetricKey':{'primaryKey':'" + PRIMARY_KEY
                + "','secondaryKey':'" + SECONDARY_KEY + "'},'type':'sas'},'parentScopes':[]}"));

        assertThat(body).isEqualTo(new DeviceBody("dev1", "Enabled", null,
                new DeviceAuthentication.SymmetricKey(PRIMARY_KEY, SECONDARY_KEY), false));
    }

    @Test
    void authentication_absent_is_null_and_empty_keys_are_null_for_the_hub_to_make() {
        assertThat(HubRegistryJson.readDevice(json("{}")).authentication()).isNull();
        assertThat(HubRegistryJson.readDevice(json("{'authentication':{'type':'sas','symmetricKey':"
                + "{'primaryKey':'','secondaryKey':null}}}")).authentication())
                .isEqualTo(new DeviceAuthentication.SymmetricKey(null, null));
    }

    @Test
    void self_signed_reads_in_any_case_and_is_inferred_from_a_thumbprint_without_type() {
        DeviceAuthentication expected = new DeviceAuthentication.X509Thumbprint(SHA1, null);
        assertThat(HubRegistryJson.readDevice(json("{'authentication':{'type':'SELFSIGNED','x509Thumbprint':"
                + "{'primaryThumbprint':'" + SHA1 + "'}}}")).authentication()).isEqualTo(expected);
        assertThat(HubRegistryJson.readDevice(json("{'authentication':{'x509Thumbprint':"
                + "{'primaryThumbprint':'" + SHA1 + "'}},'capabilities':{'iotEdge':true}}")))
                .isEqualTo(new DeviceBody(null, null, null, expected, true));
    }

    @Test
    void authentication_types_a_built_in_hub_cannot_check_are_refused() {
        for (String type : List.of("none", "tpm")) {
            assertInvalidField(() -> HubRegistryJson.readDevice(json("{'authentication':{'type':'" + type + "'}}")),
                    "authentication.type",
                    "must be sas, selfSigned or certificateAuthority (a built-in hub supports no other)");
        }
    }

    @Test
    void wrong_field_types_name_the_field() {
        assertInvalidField(() -> HubRegistryJson.readDevice(json("{'capabilities':{'iotEdge':'yes'}}")),
                "capabilities.iotEdge", "must be true or false");
        assertInvalidField(() -> HubRegistryJson.readDevice(json("{'statusReason':5}")),
                "statusReason", "must be a string");
    }

    @Test
    void query_text_and_raw_arrays() {
        assertThat(HubRegistryJson.readQuery(json("{'query':'SELECT * FROM devices'}")))
                .isEqualTo("SELECT * FROM devices");
        assertInvalidField(() -> HubRegistryJson.readQuery(json("{}")), "query", "required");
        assertThat(text(HubRegistryJson.writeArray(List.of("{\"a\":1}", "{\"b\":2}"))))
                .isEqualTo("[{\"a\":1},{\"b\":2}]");
        assertThat(text(HubRegistryJson.writeArray(List.of()))).isEqualTo("[]");
    }
}
