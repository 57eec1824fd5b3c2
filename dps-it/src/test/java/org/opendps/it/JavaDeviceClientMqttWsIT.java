package org.opendps.it;

import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import java.nio.file.Path;
import org.opendps.app.ServeConfig;

/**
 * The Java device client scenarios over MQTT over WebSocket: the client dials {@code wss://localhost:443} with
 * Paho's default path {@code /mqtt}, so the server's HTTPS port is 443 here (the tests run as root).
 */
class JavaDeviceClientMqttWsIT extends JavaDeviceClientIT {
    @Override
    ProvisioningDeviceClientTransportProtocol protocol() {
        return ProvisioningDeviceClientTransportProtocol.MQTT_WS;
    }

    @Override
    ServeConfig config(Path dataDir) {
        return TestServer.local(dataDir).withPorts(443, 0);
    }
}
