package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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

    /** Several devices on the MQTT port at once, each on its own connection, each told its own result. */
    @Test
    void a_few_registrations_at_once_all_finish() throws Exception {
        String key = randomKey();
        List<String> ids = IntStream.range(0, 6).mapToObj(i -> "java-mqtt-together-" + i).toList();
        for (String id : ids) {
            createEnrollment(id, key, randomKey(), "enabled");
        }
        ExecutorService threads = Executors.newFixedThreadPool(ids.size());
        try {
            List<Future<ProvisioningDeviceClientRegistrationResult>> results = new ArrayList<>();
            for (String id : ids) {
                results.add(threads.submit(() -> registerSync(id, key)));
            }
            for (int i = 0; i < ids.size(); i++) {
                assertAssigned(results.get(i).get(30, TimeUnit.SECONDS), ids.get(i));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
