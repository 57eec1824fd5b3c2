package org.opendps.store.jdbc;

import org.opendps.hub.registry.HubDeviceStore;
import org.opendps.testsupport.store.HubDeviceStoreContract;

class SqliteHubDeviceStoreTest extends SqliteStoreTestBase implements HubDeviceStoreContract {
    @Override
    public HubDeviceStore hubDeviceStore() {
        return storage.hubDevices();
    }
}
