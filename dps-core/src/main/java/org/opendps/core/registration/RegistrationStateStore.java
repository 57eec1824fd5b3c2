package org.opendps.core.registration;

import org.opendps.core.store.VersionedStore;

/** Device registration states, by registration ID; a group's devices are found by filtering on its ID. */
public interface RegistrationStateStore extends VersionedStore<DeviceRegistrationState> {}
