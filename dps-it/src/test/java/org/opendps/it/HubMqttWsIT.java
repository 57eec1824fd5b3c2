package org.opendps.it;

import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import java.nio.file.Path;

/**
 * The hub device scenarios of {@link HubMqttIT} over MQTT over WebSocket: the Java device client 2.5.0 dials
 * {@code wss://localhost:443/$iothub/websocket}, so the server's HTTPS port is 443 here (the tests run as root).
 */
class HubMqttWsIT extends HubMqttIT {
    @Override
    IotHubClientProtocol protocol() {
        return IotHubClientProtocol.MQTT_WS;
    }

    @Override
    TestServer startServer(Path dataDir) throws Exception {
        return TestServer.withBuiltInHub(dataDir, 443, 0);
    }
}
