package org.opendps.store.jdbc;

import org.opendps.core.enrollment.EnrollmentGroupStore;
import org.opendps.testsupport.store.EnrollmentGroupStoreContract;

class SqliteEnrollmentGroupStoreTest extends SqliteStoreTestBase implements EnrollmentGroupStoreContract {
    @Override
    public EnrollmentGroupStore enrollmentGroupStore() {
        return storage.enrollmentGroups();
    }
}
