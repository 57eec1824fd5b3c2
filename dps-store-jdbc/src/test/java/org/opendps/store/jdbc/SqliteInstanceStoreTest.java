package org.opendps.store.jdbc;

import org.opendps.core.instance.InstanceStore;
import org.opendps.testsupport.store.InstanceStoreContract;

class SqliteInstanceStoreTest extends SqliteStoreTestBase implements InstanceStoreContract {
    @Override
    public InstanceStore instanceStore() {
        return storage.instance();
    }
}
