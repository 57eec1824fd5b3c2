package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.wire.json.Fixtures.PRIMARY_KEY;
import static org.opendps.wire.json.Fixtures.SECONDARY_KEY;
import static org.opendps.wire.json.Fixtures.json;
import static org.opendps.wire.json.Fixtures.text;

import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;

/** Device identities and twins in the IoT Hub service API's shapes (iothub.md §3 and §5). */
class HubDeviceJsonTest {
    private static final String SHA256 = "A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F90";
    private static final DeviceIdentity SAS_DEVICE =
            new DeviceIdentity("dev-1", new DeviceAuthentication.SymmetricKey(PRIMARY_KEY, SECONDARY_KEY), false, true);
    private static final DeviceIdentity X509_DEVICE =
            new DeviceIdentity("edge-1", new DeviceAuthentication.X509Thumbprint(SHA256, null), true, false);
    private static final DeviceIdentity CA_DEVICE =
            new DeviceIdentity("ca-1", new DeviceAuthentication.CertificateAuthority(), false, true);

    @Test
    void sas_device_is_written_as_the_rest_api_takes_it() {
        assertThat(text(HubDeviceJson.writeDevice(SAS_DEVICE))).isEqualTo(text(json("{'deviceId':'dev-1',"
                + "'status':'enabled','authentication':{'type':'sas','symmetricKey':{'primaryKey':'" + PRIMARY_KEY
                + "','secondaryKey':'" + SECONDARY_KEY + "'}},'capabilities':{'iotEdge':false}}")));
    }

    @Test
    void x509_device_is_written_self_signed_without_an_absent_secondary_thumbprint() {
        assertThat(text(HubDeviceJson.writeDevice(X509_DEVICE))).isEqualTo(text(json("{'deviceId':'edge-1',"
                + "'status':'disabled','authentication':{'type':'selfSigned','x509Thumbprint':"
                + "{'primaryThumbprint':'" + SHA256 + "'}},'capabilities':{'iotEdge':true}}")));
    }

    @Test
    void certificate_authority_device_is_written_as_the_java_client_writes_it_with_the_type_alone() {
        assertThat(text(HubDeviceJson.writeDevice(CA_DEVICE))).isEqualTo(text(json("{'deviceId':'ca-1',"
                + "'status':'enabled','authentication':{'type':'certificateAuthority'},"
                + "'capabilities':{'iotEdge':false}}")));
    }

    @Test
    void written_devices_read_back_equal() {
        assertThat(HubDeviceJson.readDevice(HubDeviceJson.writeDevice(SAS_DEVICE))).isEqualTo(SAS_DEVICE);
        assertThat(HubDeviceJson.readDevice(HubDeviceJson.writeDevice(X509_DEVICE))).isEqualTo(X509_DEVICE);
        assertThat(HubDeviceJson.readDevice(HubDeviceJson.writeDevice(CA_DEVICE))).isEqualTo(CA_DEVICE);
    }

    @Test
    void device_as_the_java_client_writes_it_reads_with_capitalised_status_and_hub_fields_ignored() {
        byte[] body = json("{'etag':'MTIz','deviceId':'dev1','generationId':'6381','status':'Enabled',"
                + "'statusUpdatedTime':'0001-01-01T00:00:00','connectionState':'Disconnected',"
                + "'cloudToDeviceMessageCount':0,'authentication':{'symmetricKey':{'primaryKey':'" + PRIMARY_KEY
                + "','secondaryKey':'" + SECONDARY_KEY + "'},'type':'sas'},'parentScopes':[]}");

        assertThat(HubDeviceJson.readDevice(body)).isEqualTo(new DeviceIdentity("dev1",
                new DeviceAuthentication.SymmetricKey(PRIMARY_KEY, SECONDARY_KEY), false, true));
        assertThat(HubDeviceJson.readEtag(body)).isEqualTo("MTIz");
    }

    @Test
    void disabled_self_signed_edge_device_reads_in_any_case() {
        byte[] body = json("{'deviceId':'edge-1','status':'DISABLED','capabilities':{'iotEdge':true},"
                + "'authentication':{'type':'selfSigned','x509Thumbprint':{'primaryThumbprint':'" + SHA256
                + "','secondaryThumbprint':null}}}");

        assertThat(HubDeviceJson.readDevice(body)).isEqualTo(X509_DEVICE);
        assertThat(HubDeviceJson.readEtag(body)).isNull();
    }

    @Test
    void certificate_authority_device_as_azure_answers_it_reads_with_its_null_keys_and_thumbprints_ignored() {
        assertThat(HubDeviceJson.readDevice(json("{'deviceId':'ca-1','status':'enabled','authentication':"
                + "{'symmetricKey':{'primaryKey':null,'secondaryKey':null},'x509Thumbprint':"
                + "{'primaryThumbprint':null,'secondaryThumbprint':null},'type':'certificateAuthority'}}")))
                .isEqualTo(CA_DEVICE);
    }

    @Test
    void none_devices_cannot_be_represented() {
        assertThatThrownBy(() -> HubDeviceJson.readDevice(json("{'deviceId':'d','authentication':{'type':'none'}}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The hub's device has authentication type 'none', which OpenDPS cannot"
                        + " represent (only sas, selfSigned and certificateAuthority).");
    }

    @Test
    void devices_without_id_or_authentication_or_with_an_odd_status_are_refused_without_quoting_keys() {
        String keys = "'authentication':{'type':'sas','symmetricKey':{'primaryKey':'" + PRIMARY_KEY + "'}}";
        assertThatThrownBy(() -> HubDeviceJson.readDevice(json("{" + keys + "}")))
                .hasMessage("The hub's device has no deviceId.");
        assertThatThrownBy(() -> HubDeviceJson.readDevice(json("{'deviceId':'d'}")))
                .hasMessage("The hub's device has no authentication.");
        assertThatThrownBy(() -> HubDeviceJson.readDevice(json("{'deviceId':'d','status':'paused'," + keys + "}")))
                .hasMessage("The hub's device has a status that is neither enabled nor disabled.");
        assertThatThrownBy(() -> HubDeviceJson.readDevice(json("{'deviceId':'d'," + keys)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The hub's device is not valid JSON.");
        assertThatThrownBy(() -> HubDeviceJson.readDevice(json("[]")))
                .hasMessage("The hub's device is not a JSON object.");
    }

    @Test
    void twin_put_body_has_tags_and_desired_without_system_keys_and_never_reported() {
        DeviceTwin twin = new DeviceTwin(new JsonText(text(json("{'tags':{'floor':3,'site':{'b':'x',"
                + "'$metadata':{'$lastUpdated':'2024-01-01T00:00:00Z'}}},'properties':{'desired':{'rate':1.50,"
                + "'$version':4,'$metadata':{'$lastUpdated':'2024-01-01T00:00:00Z','rate':{}}},"
                + "'reported':{'temp':21}},'etag':'AAAAAAAAAAc=','version':5}"))));

        assertThat(text(HubDeviceJson.writeTwin(twin))).isEqualTo(text(json(
                "{'tags':{'floor':3,'site':{'b':'x'}},'properties':{'desired':{'rate':1.50}}}")));
    }

    @Test
    void empty_twin_clears_tags_and_desired() {
        assertThat(text(HubDeviceJson.writeTwin(DeviceTwin.EMPTY)))
                .isEqualTo(text(json("{'tags':{},'properties':{'desired':{}}}")));
        assertThat(text(HubDeviceJson.writeTwin(new DeviceTwin(new JsonText("{}")))))
                .isEqualTo(text(json("{'tags':{},'properties':{'desired':{}}}")));
    }

    @Test
    void twin_read_keeps_tags_desired_and_reported_and_drops_metadata_at_every_level() {
        byte[] body = json("{'deviceId':'dev-1','etag':'AAAAAAAAAAc=','version':7,'status':'enabled',"
                + "'tags':{'floor':3},'properties':{"
                + "'desired':{'rate':1.50,'nested':{'a':[1,{'b':2}],'$metadata':{'$lastUpdated':'x'}},"
                + "'$metadata':{'$lastUpdated':'2024-01-01T00:00:00Z','$lastUpdatedVersion':4,"
                + "'rate':{'$lastUpdated':'2024-01-01T00:00:00Z'}},'$version':4},"
                + "'reported':{'temp':21,'$metadata':{'$lastUpdated':'2024-01-01T00:00:00Z'},'$version':9}}}");

        assertThat(HubDeviceJson.readTwin(body).json().json()).isEqualTo(text(json("{'tags':{'floor':3},"
                + "'properties':{'desired':{'rate':1.50,'nested':{'a':[1,{'b':2}]}},'reported':{'temp':21}}}")));
    }

    @Test
    void twin_read_without_tags_or_reported_has_empty_tags_and_no_reported() {
        byte[] body = json("{'deviceId':'dev-1','properties':{'desired':{'$metadata':{},'$version':1}}}");

        assertThat(HubDeviceJson.readTwin(body)).isEqualTo(DeviceTwin.EMPTY);
    }

    @Test
    void twin_with_a_section_that_is_not_an_object_is_refused() {
        assertThatThrownBy(() -> HubDeviceJson.readTwin(json("{'tags':[1]}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The twin's tags is not a JSON object.");
        assertThatThrownBy(() -> HubDeviceJson.writeTwin(new DeviceTwin(new JsonText("[]"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("The twin to write is not a JSON object.");
    }

    @Test
    void error_code_is_taken_from_the_hub_message_and_nothing_else() {
        byte[] body = json("{'Message':'ErrorCode:DeviceNotFound;Device dev-1 not found.',"
                + "'ExceptionMessage':'Tracking ID:abc-TimeStamp:01/01/2024 00:00:00'}");

        assertThat(HubDeviceJson.errorCode(body)).isEqualTo("DeviceNotFound");
        assertThat(HubDeviceJson.errorCode(json("{'Message':'no code here'}"))).isNull();
        assertThat(HubDeviceJson.errorCode(json("not json"))).isNull();
        assertThat(HubDeviceJson.errorCode(null)).isNull();
    }
}
