package org.opendps.store.jdbc;

import org.opendps.core.registration.RegistrationStateStore;
import org.opendps.testsupport.store.RegistrationStateStoreContract;

class PostgresRegistrationStateStoreTest extends PostgresStoreTestBase implements RegistrationStateStoreContract {
    @Override
    public RegistrationStateStore registrationStateStore() {
        return storage.registrationStates();
    }
}
