package org.opendps.store.jdbc;

import org.opendps.core.instance.ServerCaStore;
import org.opendps.testsupport.store.ServerCaStoreContract;

class SqliteServerCaStoreTest extends SqliteStoreTestBase implements ServerCaStoreContract {
    @Override
    public ServerCaStore serverCaStore() {
        return storage.serverCa();
    }
}
