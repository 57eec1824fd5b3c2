package org.opendps.it;

import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import java.nio.file.Path;
import org.opendps.app.ServeConfig;
import org.opendps.core.provisioning.ProvisioningService;

/**
 * The Java device client scenarios over MQTT with no single-round-trip wait: every first answer is 202
 * {@code assigning} with {@code retry-after} in the topic, and the client polls on
 * {@code iotdps-get-operationstatus} until the final status.
 */
class JavaDeviceClientMqttPollingIT extends JavaDeviceClientIT {
    @Override
    ProvisioningService.Settings settings() {
        return new JavaDeviceClientPollingIT().settings();
    }

    @Override
    ProvisioningDeviceClientTransportProtocol protocol() {
        return ProvisioningDeviceClientTransportProtocol.MQTT;
    }

    @Override
    ServeConfig config(Path dataDir) {
        return TestServer.local(dataDir).withPorts(0, 8883);
    }
}
