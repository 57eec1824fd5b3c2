package org.opendps.core.registration;

import java.time.Clock;
import java.util.Optional;
import org.opendps.core.error.DpsError;
import org.opendps.core.query.Filter;
import org.opendps.core.query.FilterField;
import org.opendps.core.query.Page;
import org.opendps.core.store.VersionedResources;

/** Reading and deleting device registration states through the service API. */
public final class RegistrationStateService {
    private final RegistrationStateStore store;
    private final VersionedResources<DeviceRegistrationState> states;

    public RegistrationStateService(RegistrationStateStore store, Clock clock) {
        this.store = store;
        this.states = new VersionedResources<>(store, clock, DpsError.REGISTRATION_NOT_FOUND, "Registration");
    }

    public DeviceRegistrationState get(String registrationId) {
        return states.get(registrationId);
    }

    /** The state of a registration ID if the device has registered; for showing it with its enrollment. */
    public Optional<DeviceRegistrationState> find(String registrationId) {
        return store.find(registrationId);
    }

    public void delete(String registrationId, String ifMatch) {
        states.delete(registrationId, ifMatch);
    }

    /** Every registration state, in registration ID order. */
    public Page<DeviceRegistrationState> queryAll(Integer pageSize, String continuation) {
        return states.query(Filter.ALL, pageSize, continuation);
    }

    /** The registration states of the devices that registered through one enrollment group. */
    public Page<DeviceRegistrationState> queryGroup(String enrollmentGroupId, Integer pageSize, String continuation) {
        return states.query(Filter.where(FilterField.ENROLLMENT_GROUP_ID, enrollmentGroupId), pageSize, continuation);
    }
}
