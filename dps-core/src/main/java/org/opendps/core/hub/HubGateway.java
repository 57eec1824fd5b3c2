package org.opendps.core.hub;

import java.util.Optional;

/**
 * How the service manages devices in a hub: an in-process hub, or any hub that speaks the IoT Hub service REST
 * API (a real Azure IoT Hub included). Calls block; they run on worker threads. Every write is idempotent, so a
 * registration retried after a crash converges on one identity.
 */
public interface HubGateway {

    /** Creates the device or replaces its identity (authentication, capabilities, status). */
    void putDevice(LinkedHub hub, DeviceIdentity identity);

    Optional<DeviceIdentity> getDevice(LinkedHub hub, String deviceId);

    /** Deletes the device and its twin; false when there was none. */
    boolean deleteDevice(LinkedHub hub, String deviceId);

    /** Replaces the twin's tags and desired properties (and reported ones, where the hub allows it). */
    void replaceTwin(LinkedHub hub, String deviceId, DeviceTwin twin);

    /** Tags, desired and (where the hub gives them) reported properties, for migration to another hub. */
    Optional<DeviceTwin> readTwin(LinkedHub hub, String deviceId);

    /** A hub call that failed; {@code retryable} when trying again later may succeed (timeouts, 429, 5xx). */
    final class HubException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean retryable;

        public HubException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
