package org.opendps.store.jdbc;

import org.opendps.hub.twin.TwinStore;
import org.opendps.testsupport.store.TwinStoreContract;

class PostgresTwinStoreTest extends PostgresStoreTestBase implements TwinStoreContract {
    @Override
    public TwinStore twinStore() {
        return storage.twins();
    }
}
