package org.opendps.store.jdbc;

import org.opendps.core.provisioning.OperationStore;
import org.opendps.core.registration.RegistrationStateStore;
import org.opendps.testsupport.store.OperationStoreContract;

class PostgresOperationStoreTest extends PostgresStoreTestBase implements OperationStoreContract {
    @Override
    public OperationStore operationStore() {
        return storage.operations();
    }

    @Override
    public RegistrationStateStore registrationStateStore() {
        return storage.registrationStates();
    }
}
