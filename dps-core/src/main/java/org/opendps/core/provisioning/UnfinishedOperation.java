package org.opendps.core.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.opendps.core.error.DpsError;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;

/**
 * What a poll of an operation still marked {@code assigning} answers. The node running an assignment marks its
 * operation when it starts after a long wait in the queue and at each webhook retry ({@link AssignmentRunner}), so
 * a live assignment is never silent for long. A node that dies leaves it {@code assigning} for ever, and a device
 * that only polls (the Java SDK polls an assigning operation without end) would never finish. So an operation not
 * marked for {@link #ABANDONED_AFTER} is over, and the poll answers:
 * <ul>
 *   <li>the device's registration state, when it was written after the operation began: written by this operation
 *       just before its node died, or by a later registration of the device, on any node;
 *   <li>else {@code failed} with {@link DpsError#ASSIGNMENT_ABANDONED}: every SDK ends its registration with the
 *       error, and its caller registers again, which starts a new operation that nothing of the dead node blocks.
 * </ul>
 */
final class UnfinishedOperation {
    /**
     * Longer than a live assignment goes without marking its operation: one attempt (the webhook's 30 s timeout and
     * up to four hub calls of 15 s each), then the last webhook retry's pause (82 s), about 3 minutes.
     */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    /** A wait in the queue after which an assignment marks its operation before it starts. */
    static final Duration LONG_WAIT = Duration.ofMinutes(1);

    private UnfinishedOperation() {}

    /**
     * @param state the device's registration state now, if any
     * @param retryAfterSeconds when to poll again while the operation is still worth waiting for
     */
    static RegistrationOperationStatus answer(RegistrationOperation operation, Optional<DeviceRegistrationState> state,
            Instant now, int retryAfterSeconds) {
        if (!abandoned(operation, now)) {
            return new RegistrationOperationStatus(operation.operationId(), RegistrationStatus.ASSIGNING, null,
                    retryAfterSeconds);
        }
        Optional<DeviceRegistrationState> since = state.filter(written -> written.revision() != null
                && !written.revision().updated().isBefore(operation.created()));
        if (since.isPresent()) {
            return new RegistrationOperationStatus(operation.operationId(), since.get().status(), since.get(), 0);
        }
        DeviceRegistrationState failed = new DeviceRegistrationState(operation.registrationId(), null, null, null,
                RegistrationStatus.FAILED, null, DpsError.ASSIGNMENT_ABANDONED.code(),
                DpsError.ASSIGNMENT_ABANDONED.defaultMessage(), null, null);
        return new RegistrationOperationStatus(operation.operationId(), RegistrationStatus.FAILED, failed, 0);
    }

    static boolean abandoned(RegistrationOperation operation, Instant now) {
        return operation.updated().plus(ABANDONED_AFTER).isBefore(now);
    }

    /** True when an assignment starting now waited so long that it should mark its operation first. */
    static boolean waitedLong(RegistrationOperation operation, Instant now) {
        return operation.updated().plus(LONG_WAIT).isBefore(now);
    }
}
