package org.opendps.deviceclient;

import java.util.concurrent.CompletableFuture;
import org.opendps.core.provisioning.RegistrationOperationStatus;

/**
 * Registers a device with a DPS and follows the operation to its end. Asynchronous, so that one process can run
 * many registrations at once (a load generator) as easily as one (the agent).
 */
public interface RegistrationTransport extends AutoCloseable {

    /**
     * The final operation status ({@code assigned}, {@code failed}, {@code disabled}), or a
     * {@link RegistrationException} when the service refused the request or could not be reached in time.
     */
    CompletableFuture<RegistrationOperationStatus> register(Registration registration);

    @Override
    void close();
}
