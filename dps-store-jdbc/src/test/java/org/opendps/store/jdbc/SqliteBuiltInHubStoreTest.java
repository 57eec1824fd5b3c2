package org.opendps.store.jdbc;

import org.opendps.hub.builtin.BuiltInHubStore;
import org.opendps.testsupport.store.BuiltInHubStoreContract;

class SqliteBuiltInHubStoreTest extends SqliteStoreTestBase implements BuiltInHubStoreContract {
    @Override
    public BuiltInHubStore builtInHubStore() {
        return storage.builtInHubs();
    }
}
