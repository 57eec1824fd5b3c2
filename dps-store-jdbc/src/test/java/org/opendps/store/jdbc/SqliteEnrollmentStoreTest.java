package org.opendps.store.jdbc;

import org.opendps.core.enrollment.EnrollmentStore;
import org.opendps.testsupport.store.EnrollmentStoreContract;

class SqliteEnrollmentStoreTest extends SqliteStoreTestBase implements EnrollmentStoreContract {
    @Override
    public EnrollmentStore enrollmentStore() {
        return storage.enrollments();
    }
}
