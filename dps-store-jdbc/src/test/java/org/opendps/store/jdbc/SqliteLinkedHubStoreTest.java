package org.opendps.store.jdbc;

import org.opendps.core.hub.LinkedHubStore;
import org.opendps.testsupport.store.LinkedHubStoreContract;

class SqliteLinkedHubStoreTest extends SqliteStoreTestBase implements LinkedHubStoreContract {
    @Override
    public LinkedHubStore linkedHubStore() {
        return storage.linkedHubs();
    }
}
