package org.opendps.store.jdbc;

import org.opendps.hub.registry.HubDeviceStore;
import org.opendps.testsupport.store.HubDeviceStoreContract;

class PostgresHubDeviceStoreTest extends PostgresStoreTestBase implements HubDeviceStoreContract {
    @Override
    public HubDeviceStore hubDeviceStore() {
        return storage.hubDevices();
    }
}
