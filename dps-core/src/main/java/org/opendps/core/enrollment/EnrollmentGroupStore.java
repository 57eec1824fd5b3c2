package org.opendps.core.enrollment;

import org.opendps.core.store.VersionedStore;

/** Enrollment groups, by enrollment group ID. */
public interface EnrollmentGroupStore extends VersionedStore<EnrollmentGroup> {}
