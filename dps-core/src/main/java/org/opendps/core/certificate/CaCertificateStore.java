package org.opendps.core.certificate;

import org.opendps.core.store.VersionedStore;

/** The instance's CA certificates, by case-insensitive name. */
public interface CaCertificateStore extends VersionedStore<CaCertificate> {}
