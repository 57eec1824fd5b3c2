package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opendps.app.ServeConfig;

/**
 * The Java device client scenarios over MQTT on 8883, the only port the client dials: requests on
 * {@code $dps/registrations/...}, replies on {@code $dps/registrations/res/...}, with the HTTPS API's bodies.
 */
class JavaDeviceClientMqttIT extends JavaDeviceClientIT {
    @Override
    ProvisioningDeviceClientTransportProtocol protocol() {
        return ProvisioningDeviceClientTransportProtocol.MQTT;
    }

    @Override
    ServeConfig config(Path dataDir) {
        return TestServer.local(dataDir).withPorts(0, 8883);
    }

    /**
     * The client publishes its request and only then waits for the reply, so a reply that comes too soon is missed
     * and the registration stalls 60 s (protocol/dps-device.md §0.6); with the server's short delay none does.
     */
    @Test
    void many_registrations_in_a_row_each_finish_promptly() throws Exception {
        String key = randomKey();
        for (int i = 0; i < 30; i++) {
            String id = "java-mqtt-row-" + i;
            createEnrollment(id, key, randomKey(), "enabled");
            long start = System.nanoTime();
            assertAssigned(registerSync(id, key), id);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("registration " + i)
                    .isLessThan(Duration.ofSeconds(10));
        }
    }
}
