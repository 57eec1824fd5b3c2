package org.opendps.store.jdbc;

import org.opendps.hub.twin.TwinStore;
import org.opendps.testsupport.store.TwinStoreContract;

class SqliteTwinStoreTest extends SqliteStoreTestBase implements TwinStoreContract {
    @Override
    public TwinStore twinStore() {
        return storage.twins();
    }
}
