package org.opendps.testsupport.hub;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHub;

/**
 * A hub that answers late: every call waits {@link #delay(Duration) the current delay} before it reaches the
 * delegate, outside the delegate's lock, so that slow calls overlap as they do against a real, overloaded hub.
 * For back-pressure tests; the delay can change while calls are in flight (a hub that recovers).
 */
public final class SlowHubGateway implements HubGateway {
    private final HubGateway delegate;
    private volatile Duration delay;

    public SlowHubGateway(HubGateway delegate, Duration delay) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.delay = Objects.requireNonNull(delay, "delay");
    }

    /** The wait of calls that start from now on. */
    public void delay(Duration newDelay) {
        this.delay = Objects.requireNonNull(newDelay, "newDelay");
    }

    @Override
    public void putDevice(LinkedHub hub, DeviceIdentity identity) {
        pause();
        delegate.putDevice(hub, identity);
    }

    @Override
    public Optional<DeviceIdentity> getDevice(LinkedHub hub, String deviceId) {
        pause();
        return delegate.getDevice(hub, deviceId);
    }

    @Override
    public boolean deleteDevice(LinkedHub hub, String deviceId) {
        pause();
        return delegate.deleteDevice(hub, deviceId);
    }

    @Override
    public void replaceTwin(LinkedHub hub, String deviceId, DeviceTwin twin) {
        pause();
        delegate.replaceTwin(hub, deviceId, twin);
    }

    @Override
    public Optional<DeviceTwin> readTwin(LinkedHub hub, String deviceId) {
        pause();
        return delegate.readTwin(hub, deviceId);
    }

    private void pause() {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("interrupted while the hub was slow", true, e);
        }
    }
}
