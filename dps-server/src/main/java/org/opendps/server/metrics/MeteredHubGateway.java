package org.opendps.server.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.provisioning.RegistrationMetrics;

/** A {@link HubGateway} that times every call, by operation and outcome (an exception is a failure). */
public final class MeteredHubGateway implements HubGateway {
    private final HubGateway hubs;
    private final RegistrationMetrics metrics;

    public MeteredHubGateway(HubGateway hubs, RegistrationMetrics metrics) {
        this.hubs = Objects.requireNonNull(hubs, "hubs");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void putDevice(LinkedHub hub, DeviceIdentity identity) {
        timed("putDevice", () -> {
            hubs.putDevice(hub, identity);
            return null;
        });
    }

    @Override
    public Optional<DeviceIdentity> getDevice(LinkedHub hub, String deviceId) {
        return timed("getDevice", () -> hubs.getDevice(hub, deviceId));
    }

    @Override
    public boolean deleteDevice(LinkedHub hub, String deviceId) {
        return timed("deleteDevice", () -> hubs.deleteDevice(hub, deviceId));
    }

    @Override
    public void replaceTwin(LinkedHub hub, String deviceId, DeviceTwin twin) {
        timed("replaceTwin", () -> {
            hubs.replaceTwin(hub, deviceId, twin);
            return null;
        });
    }

    @Override
    public Optional<DeviceTwin> readTwin(LinkedHub hub, String deviceId) {
        return timed("readTwin", () -> hubs.readTwin(hub, deviceId));
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        boolean succeeded = false;
        try {
            T result = call.get();
            succeeded = true;
            return result;
        } finally {
            metrics.hubCall(operation, succeeded, Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
