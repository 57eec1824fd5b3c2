package org.opendps.hub.twin;

import java.util.Optional;

/**
 * Device twins of the built-in hubs, by (hub host name, case-sensitive device ID), under optimistic concurrency.
 * The hub services pass host names lower-cased. Writes report conflicts as {@code false} rather than throwing.
 */
public interface TwinStore {

    Optional<StoredTwin> find(String hubHostName, String deviceId);

    /** False when the device already has a twin in that hub. */
    boolean insert(String hubHostName, StoredTwin twin);

    /** False when the stored revision version is no longer {@code expectedVersion} (or the twin is gone). */
    boolean replace(String hubHostName, StoredTwin twin, long expectedVersion);

    /** False when there was no twin. */
    boolean delete(String hubHostName, String deviceId);
}
