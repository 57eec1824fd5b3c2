package org.opendps.core.provisioning;

import java.util.Objects;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;

/**
 * What a device is told about its registration: the operation to poll while it is {@code assigning}, the final
 * state once it ends.
 *
 * @param registrationState null while assigning
 * @param retryAfterSeconds when to poll again while assigning
 * @param tpmAuthenticationKey for an assigned TPM device, its hub key wrapped to its TPM (base64); else null
 */
public record RegistrationOperationStatus(
        String operationId, RegistrationStatus status, DeviceRegistrationState registrationState,
        int retryAfterSeconds, String tpmAuthenticationKey) {

    public RegistrationOperationStatus {
        Objects.requireNonNull(operationId, "operationId");
        Objects.requireNonNull(status, "status");
    }

    public RegistrationOperationStatus(String operationId, RegistrationStatus status,
            DeviceRegistrationState registrationState, int retryAfterSeconds) {
        this(operationId, status, registrationState, retryAfterSeconds, null);
    }

    RegistrationOperationStatus withTpmAuthenticationKey(String blob) {
        return new RegistrationOperationStatus(operationId, status, registrationState, retryAfterSeconds, blob);
    }

    public boolean assigning() {
        return status == RegistrationStatus.ASSIGNING;
    }
}
