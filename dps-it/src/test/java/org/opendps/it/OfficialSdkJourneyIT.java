package org.opendps.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.twin.DirectMethodResponse;
import com.microsoft.azure.sdk.iot.device.twin.Twin;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderSymmetricKey;
import com.microsoft.azure.sdk.iot.provisioning.service.ProvisioningServiceClient;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.IndividualEnrollment;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.SymmetricKeyAttestation;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.TwinCollection;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.TwinState;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodRequestOptions;
import com.microsoft.azure.sdk.iot.service.methods.DirectMethodsClient;
import com.microsoft.azure.sdk.iot.service.registry.Device;
import com.microsoft.azure.sdk.iot.service.registry.DeviceStatus;
import com.microsoft.azure.sdk.iot.service.registry.RegistryClient;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.hub.telemetry.TelemetryMessage;
import org.opendps.testsupport.net.ProxiedJvm;

/**
 * A device's whole first day with the official Java SDKs only, unmodified: the provisioning service client enrolls
 * it with an initial twin; the provisioning device client registers it over HTTPS; the hub device client connects
 * over MQTT to the built-in hub it was assigned, finds the initial twin, reports a property, sends 100 messages and
 * answers a direct method that the hub service client invokes; the service client then reads the device and what it
 * reported. The service clients dial port 443 only, so they reach the server through a CONNECT proxy.
 */
class OfficialSdkJourneyIT {
    private static final String REGISTRATION_ID = "journey-device-1";

    @Test
    void enroll_register_connect_report_send_and_answer_a_method(@TempDir Path dataDir) throws Exception {
        try (TestServer server = TestServer.withBuiltInHub(dataDir, 8883);
                ProxiedJvm jvm = new ProxiedJvm(server.httpsPort(), server.caCertificate())) {
            SSLContext trustingServer = ProxiedJvm.trusting(server.caCertificate());
            String key = SharedAccessSignatures.generateKey();

            IndividualEnrollment enrollment = new IndividualEnrollment(REGISTRATION_ID,
                    new SymmetricKeyAttestation(key, SharedAccessSignatures.generateKey()));
            TwinState initialTwin = new TwinState(new TwinCollection(Map.of("site", "lyon")),
                    new TwinCollection(Map.of("interval", 30, "mode", "eco")));
            enrollment.setInitialTwin(initialTwin);
            ProvisioningServiceClient.createFromConnectionString(server.info().serviceConnectionString())
                    .createOrUpdateIndividualEnrollment(enrollment);

            ProvisioningDeviceClientRegistrationResult registration = register(server, key, trustingServer);
            assertThat(registration.getProvisioningDeviceClientStatus())
                    .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
            String hub = registration.getIothubUri();
            String deviceId = registration.getDeviceId();
            assertThat(hub).isEqualTo(HubMqttIT.HUB);
            assertThat(deviceId).isEqualTo(REGISTRATION_ID);

            String token = HubMqttIT.token(hub, deviceId, key);
            DeviceClient device = new DeviceClient(hub, deviceId, token::toCharArray, IotHubClientProtocol.MQTT,
                    ClientOptions.builder().sslContext(trustingServer).build());
            try {
                device.open(true);
                device.subscribeToDesiredProperties((update, context) -> { }, null); // the client insists
                Twin twin = JavaClientTwin.get(device);
                assertThat(((Number) twin.getDesiredProperties().get("interval")).intValue()).isEqualTo(30);
                assertThat(twin.getDesiredProperties()).containsEntry("mode", "eco").hasSize(2);

                com.microsoft.azure.sdk.iot.device.twin.TwinCollection reported =
                        new com.microsoft.azure.sdk.iot.device.twin.TwinCollection();
                reported.put("firmware", "2.0.1");
                JavaClientTwin.report(device, reported);

                for (int i = 0; i < 100; i++) {
                    Message message = new Message(("reading " + i).getBytes(UTF_8));
                    message.setProperty("seq", Integer.toString(i));
                    device.sendEvent(message);
                }

                device.subscribeToMethods((name, payload, context) -> new DirectMethodResponse(200,
                        Map.of("method", name, "echo", payload.getPayloadAsJsonElement())), null);
                String hubConnectionString = server.info().hubs().stream().filter(h -> h.hostName().equals(hub))
                        .findFirst().orElseThrow().connectionString();
                com.microsoft.azure.sdk.iot.service.methods.DirectMethodResponse answer =
                        new DirectMethodsClient(hubConnectionString).invoke(deviceId, "reboot",
                                DirectMethodRequestOptions.builder().payload(Map.of("delay", 5))
                                        .methodResponseTimeoutSeconds(10).build());
                assertThat(answer.getStatus()).isEqualTo(200);
                assertThat(answer.getPayloadAsJsonString()).contains("\"method\":\"reboot\"", "\"delay\":5");

                Device read = new RegistryClient(hubConnectionString).getDevice(deviceId);
                assertThat(read.getStatus()).isEqualTo(DeviceStatus.Enabled);
                assertThat(read.getPrimaryKey()).isEqualTo(key);
                com.microsoft.azure.sdk.iot.service.twin.Twin serviceTwin =
                        new TwinClient(hubConnectionString).get(deviceId);
                assertThat(serviceTwin.getReportedProperties().get("firmware")).isEqualTo("2.0.1");
                assertThat(serviceTwin.getTags().get("site")).isEqualTo("lyon");
            } finally {
                device.close();
            }

            List<TelemetryMessage> received = server.dps().hubDevices().telemetry().read(hub).stream()
                    .filter(m -> m.deviceId().equals(deviceId)).toList();
            assertThat(received).hasSize(100);
            for (int i = 0; i < 100; i++) {
                assertThat(new String(received.get(i).body(), UTF_8)).isEqualTo("reading " + i);
                assertThat(received.get(i).properties()).containsEntry("seq", Integer.toString(i));
            }
        }
    }

    private static ProvisioningDeviceClientRegistrationResult register(TestServer server, String key,
            SSLContext trustingServer) throws Exception {
        SecurityProviderSymmetricKey security = new SecurityProviderSymmetricKey(key.getBytes(UTF_8),
                REGISTRATION_ID) {
            @Override
            public SSLContext getSSLContext() {
                return trustingServer;
            }
        };
        ProvisioningDeviceClient client = ProvisioningDeviceClient.create("localhost:" + server.httpsPort(),
                server.info().idScope(), ProvisioningDeviceClientTransportProtocol.HTTPS, security);
        try {
            return client.registerDeviceSync(60);
        } finally {
            client.close();
        }
    }
}
