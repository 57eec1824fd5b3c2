package org.opendps.core.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.opendps.core.allocation.AllocationWebhook;
import org.opendps.core.allocation.HubSelector;
import org.opendps.core.certificate.CaCertificateStore;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.EnrollmentGroupStore;
import org.opendps.core.enrollment.EnrollmentStore;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHubStore;
import org.opendps.core.instance.InstanceStore;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStateStore;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.store.Durability;
import org.opendps.core.validation.Identifiers;

/**
 * The device registration use cases, whatever the transport: attest, start the operation, answer at once when the
 * assignment finishes within a short wait (every official SDK accepts a final answer to its first request), else
 * {@code assigning} with the operation to poll.
 */
public final class ProvisioningService implements AutoCloseable {
    private final String idScope;
    private final DeviceAttestation attestation;
    private final TpmDeviceAttestation tpm;
    private final OperationStore operations;
    private final RegistrationStateStore states;
    private final Durability durability;
    private final RegistrationThrottle throttle;
    private final AssignmentRunner runner;
    private final AssignmentBacklog backlog;
    private final Settings settings;
    private final Clock clock;
    private final RegistrationMetrics metrics;

    /**
     * The knobs of the registration path, with defaults in {@link #DEFAULTS}.
     *
     * @param singleRoundTripWait how long a register request waits for its assignment; zero answers
     *     {@code assigning} every time, even when the assignment was already done (the polling path)
     * @param tpmChallengeLifetime how long a TPM device may take to answer its challenge
     * @param maxPendingAssignments assignments accepted and not finished on this node; more devices get 429
     */
    public record Settings(Duration singleRoundTripWait, int retryAfterSeconds, Duration sasClockSkew,
            int assignmentThreads, Duration tpmChallengeLifetime, int maxPendingAssignments) {
        private static final Duration TPM_CHALLENGE_LIFETIME = Duration.ofMinutes(5);
        /** Minutes of work at hundreds of registrations per second, should the hubs stall: room for fleets. */
        public static final int DEFAULT_MAX_PENDING_ASSIGNMENTS = 10_000;
        public static final Settings DEFAULTS = new Settings(Duration.ofMillis(1500), 2, Duration.ofSeconds(30), 16,
                TPM_CHALLENGE_LIFETIME);

        public Settings(Duration singleRoundTripWait, int retryAfterSeconds, Duration sasClockSkew,
                int assignmentThreads) {
            this(singleRoundTripWait, retryAfterSeconds, sasClockSkew, assignmentThreads, TPM_CHALLENGE_LIFETIME);
        }

        public Settings(Duration singleRoundTripWait, int retryAfterSeconds, Duration sasClockSkew,
                int assignmentThreads, Duration tpmChallengeLifetime) {
            this(singleRoundTripWait, retryAfterSeconds, sasClockSkew, assignmentThreads, tpmChallengeLifetime,
                    DEFAULT_MAX_PENDING_ASSIGNMENTS);
        }

        public Settings withMaxPendingAssignments(int max) {
            return new Settings(singleRoundTripWait, retryAfterSeconds, sasClockSkew, assignmentThreads,
                    tpmChallengeLifetime, max);
        }
    }

    /**
     * What the service reads and writes.
     *
     * @param durability of these stores and of the built-in hubs': a registration's writes are deferred up to the
     *     operation marked done, whose sync makes them all durable before the device hears the outcome
     */
    public record Stores(InstanceStore instance, EnrollmentStore enrollments, EnrollmentGroupStore groups,
            RegistrationStateStore states, OperationStore operations, LinkedHubStore hubs,
            CaCertificateStore caCertificates, TpmChallengeStore tpmChallenges, Durability durability) {}

    /** @param tpmKeyWrap wraps keys to a TPM, for TPM enrollments */
    public ProvisioningService(String idScope, Stores stores, HubGateway gateway,
            Map<AllocationPolicy, HubSelector> selectors, AllocationWebhook webhook, RegistrationThrottle throttle,
            TpmKeyWrap tpmKeyWrap, Settings settings, Clock clock) {
        this(idScope, stores, gateway, selectors, webhook, throttle, tpmKeyWrap, settings, clock,
                RegistrationMetrics.NONE);
    }

    /** As the other constructor, reporting attestations to {@code metrics}. */
    public ProvisioningService(String idScope, Stores stores, HubGateway gateway,
            Map<AllocationPolicy, HubSelector> selectors, AllocationWebhook webhook, RegistrationThrottle throttle,
            TpmKeyWrap tpmKeyWrap, Settings settings, Clock clock, RegistrationMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.idScope = Objects.requireNonNull(idScope, "idScope");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.tpm = new TpmDeviceAttestation(stores.enrollments(), stores.tpmChallenges(),
                Objects.requireNonNull(tpmKeyWrap, "tpmKeyWrap"), clock, settings.tpmChallengeLifetime());
        this.attestation = new DeviceAttestation(stores.enrollments(), stores.groups(), stores.caCertificates(),
                clock, settings.sasClockSkew(), tpm);
        this.operations = stores.operations();
        this.states = stores.states();
        this.durability = Objects.requireNonNull(stores.durability(), "durability");
        this.backlog = new AssignmentBacklog(settings.maxPendingAssignments(), settings.retryAfterSeconds());
        this.runner = new AssignmentRunner(stores, new HubAllocation(stores.hubs(), selectors, webhook),
                new HubAssignment(gateway), settings.assignmentThreads(), clock);
    }

    public RegistrationOperationStatus register(RegistrationRequest request) {
        String registrationId = Identifiers.registrationId("registrationId", request.registrationId());
        if (request.bodyRegistrationId() != null && !request.bodyRegistrationId().equalsIgnoreCase(registrationId)) {
            throw DpsException.invalidField("registrationId", "must equal the registration ID in the request path");
        }
        checkScope(request.idScope());
        throttle.acquire(registrationId);
        AttestedDevice device = attest(request.idScope(), registrationId, request.credential());
        String operationId = UUID.randomUUID().toString();
        var now = clock.instant();
        RegistrationOperation operation = new RegistrationOperation(operationId, registrationId,
                RegistrationStatus.ASSIGNING, now, now);
        backlog.admit();
        CompletableFuture<DeviceRegistrationState> done;
        try {
            durability.deferring(() -> {
                operations.insert(operation);
                return null;
            });
            done = runner.start(operation, device, request.payload());
        } catch (RuntimeException e) {
            backlog.finished();
            throw e;
        }
        done.whenComplete((state, failure) -> backlog.finished());
        if (settings.singleRoundTripWait().isZero()) {
            // get(0) would still return an assignment that finished first, which happens under load.
            return assigning(operationId);
        }
        try {
            // The operation marked done was a durable write, and synced the insert above with it.
            DeviceRegistrationState state = done.get(settings.singleRoundTripWait().toMillis(), TimeUnit.MILLISECONDS);
            return withTpmKey(new RegistrationOperationStatus(operationId, state.status(), state, 0), device);
        } catch (TimeoutException e) {
            return assigning(operationId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return assigning(operationId);
        } catch (ExecutionException e) {
            throw new IllegalStateException("assignment of " + registrationId + " failed", e.getCause());
        }
    }

    /** Attestation of a register request, timed: the step whose cost depends on the attestation type. */
    private AttestedDevice attest(String scope, String registrationId, DeviceCredential credential) {
        long start = System.nanoTime();
        boolean accepted = false;
        try {
            AttestedDevice device = attestation.attest(scope, registrationId, credential);
            accepted = true;
            return device;
        } finally {
            metrics.attestation(RegistrationMetrics.attestationOf(credential), accepted,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    public RegistrationOperationStatus operationStatus(String scope, String registrationId, String operationId,
            DeviceCredential credential) {
        checkScope(scope);
        AttestedDevice device = attestation.attest(scope, registrationId, credential);
        RegistrationOperation operation = operations.find(operationId)
                .filter(op -> op.registrationId().equalsIgnoreCase(registrationId))
                .orElseThrow(() -> new DpsException(DpsError.OPERATION_NOT_FOUND,
                        "Operation '" + operationId + "' was not found for this registration."));
        if (!operation.finished()) {
            Instant now = clock.instant();
            Optional<DeviceRegistrationState> state = UnfinishedOperation.abandoned(operation, now)
                    ? states.find(registrationId) : Optional.empty();
            return withTpmKey(UnfinishedOperation.answer(operation, state, now, settings.retryAfterSeconds()), device);
        }
        DeviceRegistrationState state = states.find(registrationId).orElseThrow(() -> new DpsException(
                DpsError.REGISTRATION_NOT_FOUND, "The registration was deleted."));
        return withTpmKey(new RegistrationOperationStatus(operationId, operation.status(), state, 0), device);
    }

    /**
     * The first register request of a TPM device, without a token: the challenge it must answer, a key wrapped to
     * its EK and SRK ({@code authenticationKey}, base64).
     */
    public String tpmChallenge(String scope, String registrationId, DeviceCredential.Tpm keys) {
        String id = Identifiers.registrationId("registrationId", registrationId);
        checkScope(scope);
        throttle.acquire(id);
        return tpm.challenge(scope, id, keys);
    }

    /** An assigned TPM device learns its hub key, wrapped to its TPM, with every answer that says so. */
    private RegistrationOperationStatus withTpmKey(RegistrationOperationStatus status, AttestedDevice device) {
        if (device.attestationType() != AttestationType.TPM || status.status() != RegistrationStatus.ASSIGNED) {
            return status;
        }
        return status.withTpmAuthenticationKey(tpm.hubKeyBlob(idScope, device));
    }

    public DeviceRegistrationState registrationStatus(String scope, String registrationId,
            DeviceCredential credential) {
        checkScope(scope);
        attestation.attest(scope, registrationId, credential);
        return states.find(registrationId).orElseThrow(() -> new DpsException(DpsError.REGISTRATION_NOT_FOUND,
                "Registration '" + registrationId + "' was not found."));
    }

    /** Waits for assignments in progress, within the timeout, so that a clean stop loses none of them. */
    @Override
    public void close() {
        runner.close();
    }

    /** The device is told the operation to poll, so it must outlive a power loss first. */
    private RegistrationOperationStatus assigning(String operationId) {
        boolean interrupted = Thread.interrupted(); // a pending interrupt would fail the wait for the sync
        try {
            durability.sync();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        return new RegistrationOperationStatus(operationId, RegistrationStatus.ASSIGNING, null,
                settings.retryAfterSeconds());
    }

    /** A wrong scope is the same 401 as a wrong key: nothing tells a caller which scopes exist. */
    private void checkScope(String scope) {
        if (scope == null || !scope.toLowerCase(Locale.ROOT).equals(idScope.toLowerCase(Locale.ROOT))) {
            throw DeviceAttestation.unauthorized();
        }
    }
}
