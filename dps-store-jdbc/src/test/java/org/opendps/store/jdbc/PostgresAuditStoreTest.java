package org.opendps.store.jdbc;

import org.opendps.core.audit.AuditStore;
import org.opendps.testsupport.store.AuditStoreContract;

class PostgresAuditStoreTest extends PostgresStoreTestBase implements AuditStoreContract {
    @Override
    public AuditStore auditStore() {
        return storage.audit();
    }
}
