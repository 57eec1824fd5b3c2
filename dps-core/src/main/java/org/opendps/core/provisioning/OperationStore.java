package org.opendps.core.provisioning;

import java.time.Instant;
import java.util.Optional;

/** Registration operations by their (case-sensitive, service-made) operation ID. */
public interface OperationStore {

    void insert(RegistrationOperation operation);

    Optional<RegistrationOperation> find(String operationId);

    /** Records the operation's new status; false when the operation no longer exists. */
    boolean update(RegistrationOperation operation);

    /**
     * Forgets at most {@code limit} operations last updated before {@code cutoff}, the longest untouched first,
     * whether finished or not; returns how many. The limit keeps each call short, so that a backlog of old
     * operations is forgotten in many small writes between which registrations go on.
     *
     * @throws IllegalArgumentException when {@code limit} is not positive
     */
    int deleteUpdatedBefore(Instant cutoff, int limit);
}
