package org.opendps.store.jdbc;

import org.opendps.core.instance.InstanceStore;
import org.opendps.testsupport.store.InstanceStoreContract;

class PostgresInstanceStoreTest extends PostgresStoreTestBase implements InstanceStoreContract {
    @Override
    public InstanceStore instanceStore() {
        return storage.instance();
    }
}
