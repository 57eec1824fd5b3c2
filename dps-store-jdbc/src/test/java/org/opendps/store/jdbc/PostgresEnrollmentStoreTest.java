package org.opendps.store.jdbc;

import org.opendps.core.enrollment.EnrollmentStore;
import org.opendps.testsupport.store.EnrollmentStoreContract;

class PostgresEnrollmentStoreTest extends PostgresStoreTestBase implements EnrollmentStoreContract {
    @Override
    public EnrollmentStore enrollmentStore() {
        return storage.enrollments();
    }
}
