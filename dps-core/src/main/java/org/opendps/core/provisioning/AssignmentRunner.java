package org.opendps.core.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.error.DpsError;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.instance.ServiceInstance;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs assignments in the background, one registration ID at a time in this process (striped locks) and guarded
 * across nodes by the registration state's row version. The hub identity, twin and state are written deferred (no
 * sync each) and the operation is then marked done by a durable write, whose sync covers them all: nothing is ever
 * reported assigned that is not durable, for one sync per registration. Webhook answers of "try later" are retried on
 * Azure's schedule (1 s, then 9 s more each time, 10 retries) while the device keeps polling.
 */
final class AssignmentRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AssignmentRunner.class);
    private static final int STRIPES = 1024;
    private static final int WEBHOOK_RETRIES = 10;
    private static final int STATE_WRITE_ATTEMPTS = 5;

    private final ProvisioningService.Stores stores;
    private final HubAllocation allocation;
    private final HubAssignment assignment;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    AssignmentRunner(ProvisioningService.Stores stores, HubAllocation allocation, HubAssignment assignment,
            int threads, Clock clock) {
        this.stores = stores;
        this.allocation = allocation;
        this.assignment = assignment;
        this.clock = clock;
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newScheduledThreadPool(threads, r -> {
            Thread thread = new Thread(r, "opendps-assign-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    CompletableFuture<DeviceRegistrationState> start(RegistrationOperation operation, AttestedDevice device,
            JsonText payload) {
        CompletableFuture<DeviceRegistrationState> done = new CompletableFuture<>();
        executor.execute(() -> attempt(operation, device, payload, 0, done));
        return done;
    }

    private void attempt(RegistrationOperation operation, AttestedDevice device, JsonText payload, int retry,
            CompletableFuture<DeviceRegistrationState> done) {
        ReentrantLock lock = locks[Math.floorMod(device.registrationId().toLowerCase(Locale.ROOT).hashCode(), STRIPES)];
        lock.lock();
        try {
            RegistrationOperation marked = markedAlive(operation, retry);
            Optional<DeviceRegistrationState> finished = stores.durability().deferring(
                    () -> assignOnce(device, payload, retry));
            if (finished.isEmpty()) {
                long delaySeconds = 1 + 9L * retry;
                executor.schedule(() -> attempt(marked, device, payload, retry + 1, done), delaySeconds,
                        TimeUnit.SECONDS);
                return;
            }
            DeviceRegistrationState state = finished.get();
            stores.operations().update(operation.finish(state.status(), clock.instant()));
            done.complete(state);
        } catch (RuntimeException e) {
            LOG.error("Assignment of {} failed unexpectedly", device.registrationId(), e);
            failed(operation, device, done);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records the failure when the storage still takes writes. If it does not, the caller hears of the failure all
     * the same (its backlog slot is freed), and a poll of the operation, left {@code assigning}, is answered once
     * it counts as abandoned ({@link UnfinishedOperation}).
     */
    private void failed(RegistrationOperation operation, AttestedDevice device,
            CompletableFuture<DeviceRegistrationState> done) {
        try {
            DeviceRegistrationState failed = stores.durability().deferring(() -> record(device,
                    DpsError.INTERNAL_ERROR, DpsError.INTERNAL_ERROR.defaultMessage()));
            stores.operations().update(operation.finish(RegistrationStatus.FAILED, clock.instant()));
            done.complete(failed);
        } catch (RuntimeException e) {
            LOG.error("Could not record the failed assignment of {}", device.registrationId(), e);
            done.completeExceptionally(e);
        }
    }

    /**
     * Marks the operation as still being worked on at each webhook retry, and at the first attempt when it waited
     * long in the queue, so that polls do not take it for one a dead node left ({@link UnfinishedOperation}).
     */
    private RegistrationOperation markedAlive(RegistrationOperation operation, int retry) {
        Instant now = clock.instant();
        if (retry == 0 && !UnfinishedOperation.waitedLong(operation, now)) {
            return operation;
        }
        RegistrationOperation marked = operation.markedAt(now);
        stores.operations().update(marked);
        return marked;
    }

    /** The final state, or empty when the webhook asked to try later and retries remain. */
    private Optional<DeviceRegistrationState> assignOnce(AttestedDevice device, JsonText payload, int retry) {
        if (!device.settings().enabled()) {
            return Optional.of(record(device, DpsError.ENROLLMENT_DISABLED, "The enrollment is disabled."));
        }
        for (int attempt = 1; attempt <= STATE_WRITE_ATTEMPTS; attempt++) {
            DeviceRegistrationState current = stores.states().find(device.registrationId()).orElse(null);
            HubAllocation.Decision decision = decide(device, current, payload);
            if (decision instanceof HubAllocation.Decision.TryLater later) {
                if (retry < WEBHOOK_RETRIES) {
                    LOG.debug("Webhook for {} asks to try later ({})", device.registrationId(), later.reason());
                    return Optional.empty();
                }
                return Optional.of(record(device, DpsError.CUSTOM_ALLOCATION_FAILED,
                        "The custom allocation webhook did not answer after " + WEBHOOK_RETRIES + " retries: "
                                + later.reason()));
            }
            if (decision instanceof HubAllocation.Decision.Refused refused) {
                return Optional.of(record(device, refused.error(), refused.message()));
            }
            HubAllocation.Decision.Chosen chosen = (HubAllocation.Decision.Chosen) decision;
            HubAssignment.Placement placement;
            try {
                placement = assignment.place(device, current, allocation.linked(current == null ? null
                        : current.assignedHub()), chosen.hub(), chosen.initialTwin() != null ? chosen.initialTwin()
                        : device.settings().initialTwin());
            } catch (HubGateway.HubException e) {
                LOG.warn("Hub {} refused the device {}: {}", chosen.hub().hostName(), device.registrationId(),
                        e.getMessage());
                return Optional.of(record(device, DpsError.HUB_OPERATION_FAILED,
                        "The IoT hub " + chosen.hub().hostName() + " could not be updated."));
            }
            DeviceRegistrationState assigned = state(device, current, placement.hub().hostName(),
                    placement.deviceId(), RegistrationStatus.ASSIGNED, placement, null, null, chosen.payload());
            if (write(assigned, current)) {
                return Optional.of(assigned);
            }
        }
        return Optional.of(record(device, DpsError.CONFLICT, "The registration changed concurrently; try again."));
    }

    private HubAllocation.Decision decide(AttestedDevice device, DeviceRegistrationState current, JsonText payload) {
        boolean keepHub = current != null && current.status() == RegistrationStatus.ASSIGNED
                && !device.settings().reprovisionPolicy().updateHubAssignment();
        Optional<LinkedHub> currentHub = keepHub ? allocation.linked(current.assignedHub()) : Optional.empty();
        if (currentHub.isPresent()) {
            return new HubAllocation.Decision.Chosen(currentHub.get(), null, null);
        }
        ServiceInstance instance = stores.instance().find().orElseThrow();
        return allocation.allocate(device, instance.allocationPolicy(), current, payload);
    }

    /** Stores a failed or disabled outcome, keeping where the device was assigned before. */
    private DeviceRegistrationState record(AttestedDevice device, DpsError error, String message) {
        RegistrationStatus status = error == DpsError.ENROLLMENT_DISABLED ? RegistrationStatus.DISABLED
                : RegistrationStatus.FAILED;
        for (int attempt = 1; attempt <= STATE_WRITE_ATTEMPTS; attempt++) {
            DeviceRegistrationState current = stores.states().find(device.registrationId()).orElse(null);
            DeviceRegistrationState state = state(device, current, current == null ? null : current.assignedHub(),
                    current == null ? null : current.deviceId(), status, null, error.code(), message, null);
            if (write(state, current)) {
                return state;
            }
        }
        throw new IllegalStateException("could not record the outcome of " + device.registrationId());
    }

    private DeviceRegistrationState state(AttestedDevice device, DeviceRegistrationState current, String hub,
            String deviceId, RegistrationStatus status, HubAssignment.Placement placement, Integer errorCode,
            String errorMessage, JsonText payload) {
        Instant now = clock.instant();
        Revision revision = current == null ? Revision.first(now) : current.revision().next(now);
        return new DeviceRegistrationState(device.registrationId(), device.enrollmentGroupId(), hub, deviceId, status,
                placement == null ? null : placement.substatus(), errorCode, errorMessage, payload, revision,
                device.x509());
    }

    private boolean write(DeviceRegistrationState state, DeviceRegistrationState current) {
        return current == null ? stores.states().insert(state)
                : stores.states().replace(state, current.revision().version());
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(Duration.ofSeconds(8).toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
