package org.opendps.store.jdbc;

import org.opendps.core.certificate.CaCertificateStore;
import org.opendps.testsupport.store.CaCertificateStoreContract;

class PostgresCaCertificateStoreTest extends PostgresStoreTestBase implements CaCertificateStoreContract {
    @Override
    public CaCertificateStore caCertificateStore() {
        return storage.caCertificates();
    }
}
