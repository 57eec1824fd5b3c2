package org.opendps.server.http.device;

import org.opendps.core.provisioning.DeviceCredential;
import org.opendps.core.provisioning.ProvisioningService;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.provisioning.RegistrationRequest;
import org.opendps.core.registration.DeviceRegistrationState;

/**
 * The device use cases the routes call, as {@link ProvisioningService} offers them. An interface of its own
 * so that the routes can be tested without stores and hubs behind them.
 */
interface DeviceRegistrations {

    RegistrationOperationStatus register(RegistrationRequest request);

    RegistrationOperationStatus operationStatus(String idScope, String registrationId, String operationId,
            DeviceCredential credential);

    DeviceRegistrationState registrationStatus(String idScope, String registrationId, DeviceCredential credential);

    /** A TPM device's challenge: its base64 {@code authenticationKey}. */
    String tpmChallenge(String idScope, String registrationId, DeviceCredential.Tpm keys);

    static DeviceRegistrations of(ProvisioningService service) {
        return new DeviceRegistrations() {
            @Override
            public RegistrationOperationStatus register(RegistrationRequest request) {
                return service.register(request);
            }

            @Override
            public RegistrationOperationStatus operationStatus(String idScope, String registrationId,
                    String operationId, DeviceCredential credential) {
                return service.operationStatus(idScope, registrationId, operationId, credential);
            }

            @Override
            public DeviceRegistrationState registrationStatus(String idScope, String registrationId,
                    DeviceCredential credential) {
                return service.registrationStatus(idScope, registrationId, credential);
            }

            @Override
            public String tpmChallenge(String idScope, String registrationId, DeviceCredential.Tpm keys) {
                return service.tpmChallenge(idScope, registrationId, keys);
            }
        };
    }
}
