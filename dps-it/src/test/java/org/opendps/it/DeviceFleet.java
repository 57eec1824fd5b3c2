package org.opendps.it;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.deviceclient.HttpsRegistrationTransport;
import org.opendps.deviceclient.ProvisioningEndpoint;
import org.opendps.deviceclient.Registration;
import org.opendps.deviceclient.RegistrationCredential;
import org.opendps.deviceclient.RegistrationException;
import org.opendps.deviceclient.RegistrationTransport;

/**
 * Devices of one symmetric-key group registering without pause, each with OpenDPS's own device client over HTTPS,
 * as a fleet does while nodes crash: every new device registers until it is told {@code assigned}, retrying after
 * any failure (refused connection, reset, error answer) on the next node in turn. What each device was told
 * {@code assigned} is recorded: the promise under test is that none of it is ever lost.
 */
final class DeviceFleet implements AutoCloseable {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    private static final long RETRY_PAUSE_MILLIS = 200;
    /** Azure's error codes are the HTTP status times 1000 plus a detail: 500000 and up are the service's faults. */
    private static final int SERVER_ERROR_CODES = 500_000;

    /** What one device was told when it was assigned. */
    record Assigned(String hub, String deviceId) {}

    private final List<RegistrationTransport> transports = new ArrayList<>();
    private final String idScope;
    private final String groupKey;
    private final String prefix;
    private final ExecutorService devices;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final Map<String, Assigned> assigned = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final List<String> serverErrors = new CopyOnWriteArrayList<>();

    private DeviceFleet(List<Integer> ports, X509Certificate ca, String idScope, String groupKey, String prefix,
            int concurrency) {
        for (int port : ports) {
            transports.add(new HttpsRegistrationTransport(new ProvisioningEndpoint("localhost", port, List.of(ca)),
                    REQUEST_TIMEOUT));
        }
        this.idScope = idScope;
        this.groupKey = groupKey;
        this.prefix = prefix;
        this.devices = Executors.newFixedThreadPool(Math.max(1, concurrency));
    }

    /**
     * {@code concurrency} devices at a time, one after another, spread over the nodes listening on {@code ports}; 0
     * for none, to register chosen devices with {@link #registerUntilAssigned}.
     */
    static DeviceFleet start(List<Integer> ports, X509Certificate ca, String idScope, String groupKey, String prefix,
            int concurrency) {
        DeviceFleet fleet = new DeviceFleet(ports, ca, idScope, groupKey, prefix, concurrency);
        for (int i = 0; i < concurrency; i++) {
            fleet.devices.execute(fleet::registerDevicesUntilStopped);
        }
        return fleet;
    }

    /**
     * Registers one device until it is assigned, starting on node {@code first} and moving to the next node after
     * each failure; what it was told in the end, or null when {@code deadline} (nanoTime) passed first.
     */
    Assigned registerUntilAssigned(String registrationId, int first, long deadline) {
        Registration registration = new Registration(idScope, registrationId,
                new RegistrationCredential.SymmetricKey(SharedAccessSignatures.hmac(groupKey, registrationId)), null);
        for (int attempt = first; System.nanoTime() < deadline; attempt++) {
            try {
                RegistrationOperationStatus result = transports.get(attempt % transports.size())
                        .register(registration).get(REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
                DeviceRegistrationState outcome = result.registrationState();
                if (outcome != null && outcome.errorCode() != null && outcome.errorCode() >= SERVER_ERROR_CODES) {
                    serverErrors.add(registrationId + " " + result.status().wireName() + " with errorCode "
                            + outcome.errorCode() + ": " + outcome.errorMessage());
                }
                if (result.status() == RegistrationStatus.ASSIGNED) {
                    DeviceRegistrationState state = result.registrationState();
                    Assigned told = new Assigned(state.assignedHub(), state.deviceId());
                    assigned.put(registrationId, told);
                    return told;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (Exception e) {
                // the node died, stopped or refused: a device tries again, as the SDKs' callers do
                serverError(e).ifPresent(refused -> serverErrors.add(registrationId + " answered "
                        + refused.httpStatus() + ": " + refused.getMessage()));
                failures.merge(String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), 1,
                        Integer::sum);
            }
            failedAttempts.incrementAndGet();
            sleep(RETRY_PAUSE_MILLIS);
        }
        return null;
    }

    /** The error answer of 500 or more in {@code failure}'s causes, if that is what it was. */
    private static Optional<RegistrationException> serverError(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RegistrationException refused && refused.httpStatus() >= 500) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    private void registerDevicesUntilStopped() {
        while (!stopping.get()) {
            int n = started.incrementAndGet();
            registerUntilAssigned(prefix + n, n, System.nanoTime() + Duration.ofSeconds(90).toNanos());
        }
    }

    /** Waits until {@code more} devices were assigned since the call, so that a kill lands under load. */
    void awaitAssignments(int more, Duration within) throws InterruptedException {
        int target = assigned.size() + more;
        long deadline = System.nanoTime() + within.toNanos();
        while (assigned.size() < target && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** Starts no more devices and waits for those under way to end; false when some did not within the time. */
    boolean finish(Duration within) throws InterruptedException {
        stopping.set(true);
        devices.shutdown();
        return devices.awaitTermination(within.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every device told {@code assigned}, by registration ID. */
    Map<String, Assigned> assigned() {
        return Map.copyOf(assigned);
    }

    int devicesStarted() {
        return started.get();
    }

    /** Failed attempts by message: what the devices saw while nodes went down. */
    Map<String, Integer> failures() {
        return Map.copyOf(failures);
    }

    /**
     * Every answer of 500 or more, and every registration that ended with such an error code: the service promises
     * none, whatever a client does and whenever a node restarts.
     */
    List<String> serverErrors() {
        return List.copyOf(serverErrors);
    }

    int failedAttempts() {
        return failedAttempts.get();
    }

    @Override
    public void close() {
        stopping.set(true);
        devices.shutdownNow();
        transports.forEach(RegistrationTransport::close);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
