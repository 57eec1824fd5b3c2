package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * The official npm DPS device client ({@code azure-iot-provisioning-device} 1.9.1 with
 * {@code azure-iot-provisioning-device-mqtt} 1.8.1 and {@code azure-iot-security-symmetric-key} 1.8.2),
 * unmodified, registers symmetric-key devices over MQTT and over MQTT over WebSocket, which it always dials on
 * port 443: see {@code src/test/node/device-client/register.js}. Skipped without Node.js unless
 * {@code DPS_TEST_NODE=required} ({@link NodeProject}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeDeviceClientIT {
    private static final String HUB = "node-devices.azure-devices.net";
    private static final String API = "?api-version=2021-10-01";

    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.withHubs(TestServer.local(dataDir).withPorts(443, 0), null, HUB);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void registers_over_mqtt() throws Exception {
        assertRegisters("node-mqtt-1", "Mqtt", "localhost:" + server.mqttPort());
    }

    @Test
    void registers_over_mqtt_over_websocket() throws Exception {
        assertRegisters("node-mqtt-ws-1", "MqttWs", "localhost");
    }

    @Test
    void a_wrong_key_fails_and_creates_nothing() throws Exception {
        HubMqttIT.enroll(server, "node-wrong-key-1");
        NodeProject.Result result = register("node-wrong-key-1", SharedAccessSignatures.generateKey(), "Mqtt",
                "localhost:" + server.mqttPort());

        assertThat(result.exitCode()).as(result.stdout()).isNotZero();
        assertThat(result.stderr()).contains("registration failed");
        assertThat(server.sendAsOwner("GET", "/registrations/node-wrong-key-1" + API, null).statusCode())
                .isEqualTo(404);
        assertThat(server.hubs().devices(HUB)).doesNotContain("node-wrong-key-1");
    }

    private void assertRegisters(String registrationId, String transport, String host) throws Exception {
        String key = HubMqttIT.enroll(server, registrationId);
        NodeProject.Result result = register(registrationId, key, transport, host);

        assertThat(result.exitCode()).as(result.stderr()).isZero();
        JsonNode registration = DeviceCalls.json(result.stdout());
        assertThat(registration.path("assignedHub").asText()).isEqualTo(HUB);
        assertThat(registration.path("deviceId").asText()).isEqualTo(registrationId);
        assertThat(registration.path("status").asText()).isEqualTo("assigned");
        assertThat(server.hubs().devices(HUB)).contains(registrationId);
    }

    private NodeProject.Result register(String registrationId, String key, String transport, String host)
            throws Exception {
        ProcessBuilder node = NodeProject.installed("device-client", "azure-iot-provisioning-device-mqtt")
                .node("register.js");
        node.environment().put("NODE_EXTRA_CA_CERTS", server.info().caCertificate());
        node.environment().put("OPENDPS_TRANSPORT", transport);
        node.environment().put("OPENDPS_HOST", host);
        node.environment().put("OPENDPS_ID_SCOPE", server.info().idScope());
        node.environment().put("OPENDPS_REGISTRATION_ID", registrationId);
        node.environment().put("OPENDPS_KEY", key);
        return NodeProject.run(node, 90);
    }
}
