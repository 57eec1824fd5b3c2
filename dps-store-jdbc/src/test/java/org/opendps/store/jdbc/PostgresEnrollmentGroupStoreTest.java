package org.opendps.store.jdbc;

import org.opendps.core.enrollment.EnrollmentGroupStore;
import org.opendps.testsupport.store.EnrollmentGroupStoreContract;

class PostgresEnrollmentGroupStoreTest extends PostgresStoreTestBase implements EnrollmentGroupStoreContract {
    @Override
    public EnrollmentGroupStore enrollmentGroupStore() {
        return storage.enrollmentGroups();
    }
}
