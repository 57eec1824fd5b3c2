package org.opendps.core.provisioning;

import java.time.Instant;
import java.util.Objects;
import org.opendps.core.registration.RegistrationStatus;

/**
 * One registration attempt of a device, which the device polls by its ID until it ends. Kept in the database, so
 * that a device may poll another node than the one it registered on.
 *
 * @param status {@code assigning} while the work runs; then the final status, whose details are in the device's
 *     registration state
 */
public record RegistrationOperation(
        String operationId, String registrationId, RegistrationStatus status, Instant created, Instant updated) {

    public RegistrationOperation {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
    }

    public boolean finished() {
        return status != RegistrationStatus.ASSIGNING && status != RegistrationStatus.UNASSIGNED;
    }

    /** The same operation, marked as still being worked on at {@code now}. */
    public RegistrationOperation markedAt(Instant now) {
        return new RegistrationOperation(operationId, registrationId, status, created, now);
    }

    public RegistrationOperation finish(RegistrationStatus finalStatus, Instant now) {
        return new RegistrationOperation(operationId, registrationId, finalStatus, created, now);
    }
}
