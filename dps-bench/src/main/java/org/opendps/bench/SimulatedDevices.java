package org.opendps.bench;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.deviceclient.HttpsRegistrationTransport;
import org.opendps.deviceclient.MqttRegistrationTransport;
import org.opendps.deviceclient.ProvisioningEndpoint;
import org.opendps.deviceclient.Registration;
import org.opendps.deviceclient.RegistrationException;
import org.opendps.deviceclient.RegistrationTransport;

/**
 * The bench's devices: each registers over a new TLS connection with a full handshake (a new SSL context per
 * device, so there is no session to resume), and registers again after a 429 once the server's Retry-After has
 * passed, as the C SDK does (protocol/dps-device.md §1), until its own timeout.
 */
final class SimulatedDevices implements AutoCloseable {
    /** The Java and Node SDKs' wait when a 429 carries no Retry-After (protocol/dps-device.md §1). */
    static final Duration THROTTLED_WAIT = Duration.ofSeconds(2);

    private final ProvisioningEndpoint endpoint;
    private final Duration timeout;
    /** MQTT already makes a new SSL context per registration; null over HTTPS. */
    private final MqttRegistrationTransport mqtt;
    private final LongAdder throttled = new LongAdder();

    SimulatedDevices(BenchRegisterCommand.Transport transport, ProvisioningEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.mqtt = transport == BenchRegisterCommand.Transport.mqtt
                ? new MqttRegistrationTransport(endpoint, timeout) : null;
    }

    /** One device's registration, 429s retried, ending with its final status or why it has none. */
    CompletableFuture<RegistrationOperationStatus> register(Registration device) {
        return untilNotThrottled(device, System.nanoTime() + timeout.toNanos());
    }

    /** The 429 answers registered again since the last {@link #resetThrottled}. */
    long throttled() {
        return throttled.sum();
    }

    void resetThrottled() {
        throttled.reset();
    }

    private CompletableFuture<RegistrationOperationStatus> once(Registration device) {
        if (mqtt != null) {
            return mqtt.register(device);
        }
        // A transport per device: the HTTPS one keeps a client and its connections for symmetric-key devices, and
        // a new client means a new SSLContext, so no session to resume either.
        RegistrationTransport https = new HttpsRegistrationTransport(endpoint, timeout);
        return https.register(device).whenComplete((status, failure) -> https.close());
    }

    private CompletableFuture<RegistrationOperationStatus> untilNotThrottled(Registration device, long deadline) {
        return once(device).handle((status, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(status);
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            Duration wait = cause instanceof RegistrationException refused && refused.httpStatus() == 429
                    ? refused.retryAfter().orElse(THROTTLED_WAIT) : null;
            if (wait == null || System.nanoTime() + wait.toNanos() >= deadline) {
                return CompletableFuture.<RegistrationOperationStatus>failedFuture(cause);
            }
            throttled.increment();
            return CompletableFuture.runAsync(() -> { },
                            CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> untilNotThrottled(device, deadline));
        }).thenCompose(next -> next);
    }

    @Override
    public void close() {
        if (mqtt != null) {
            mqtt.close();
        }
    }
}
