package org.opendps.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.testsupport.hub.InMemoryHubGateway;

/** Hub calls land in {@code opendps.hub.call} by operation and outcome, and the hub's answer passes through. */
class MeteredHubGatewayTest {
    private static final LinkedHub HUB = new LinkedHub("hub-a.example.net", "iothubowner",
            SharedAccessSignatures.generateKey(), "", 1, true);
    private static final DeviceIdentity DEVICE = new DeviceIdentity("dev-1", new DeviceAuthentication.SymmetricKey(
            SharedAccessSignatures.generateKey(), SharedAccessSignatures.generateKey()), false, true);

    private final OpenDpsMetrics metrics = new OpenDpsMetrics();
    private final InMemoryHubGateway hubs = new InMemoryHubGateway();
    private final MeteredHubGateway gateway = new MeteredHubGateway(hubs, metrics);

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void a_call_that_works_counts_as_success_and_returns_the_hubs_answer() {
        gateway.putDevice(HUB, DEVICE);

        assertThat(gateway.getDevice(HUB, "dev-1")).hasValue(DEVICE);
        assertThat(count("putDevice", "success")).isEqualTo(1);
        assertThat(count("getDevice", "success")).isEqualTo(1);
    }

    @Test
    void a_call_that_throws_counts_as_failure_and_the_exception_reaches_the_caller() {
        hubs.fail(HUB.hostName(), true);

        assertThatThrownBy(() -> gateway.deleteDevice(HUB, "dev-1")).isInstanceOf(HubGateway.HubException.class);
        assertThat(count("deleteDevice", "failure")).isEqualTo(1);
        assertThat(count("deleteDevice", "success")).isZero();
    }

    private long count(String operation, String outcome) {
        var timer = metrics.registry().find("opendps.hub.call").tags("operation", operation, "outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }
}
