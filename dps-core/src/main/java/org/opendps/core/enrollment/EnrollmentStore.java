package org.opendps.core.enrollment;

import org.opendps.core.store.VersionedStore;

/** Individual enrollments, by registration ID. */
public interface EnrollmentStore extends VersionedStore<IndividualEnrollment> {}
