package org.opendps.core.provisioning;

import java.time.Instant;
import java.util.Optional;

/** Registration operations by their (case-sensitive, service-made) operation ID. */
public interface OperationStore {

    void insert(RegistrationOperation operation);

    Optional<RegistrationOperation> find(String operationId);

    /** Records the operation's new status; false when the operation no longer exists. */
    boolean update(RegistrationOperation operation);

    /** Forgets operations last updated before {@code cutoff}; returns how many. */
    int deleteUpdatedBefore(Instant cutoff);
}
