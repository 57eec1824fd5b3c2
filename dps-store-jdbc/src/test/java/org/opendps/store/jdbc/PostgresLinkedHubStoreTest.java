package org.opendps.store.jdbc;

import org.opendps.core.hub.LinkedHubStore;
import org.opendps.testsupport.store.LinkedHubStoreContract;

class PostgresLinkedHubStoreTest extends PostgresStoreTestBase implements LinkedHubStoreContract {
    @Override
    public LinkedHubStore linkedHubStore() {
        return storage.linkedHubs();
    }
}
