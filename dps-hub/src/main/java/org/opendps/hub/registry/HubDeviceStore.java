package org.opendps.hub.registry;

import java.util.List;
import java.util.Optional;

/**
 * Device identities of the built-in hubs, by (hub host name, case-sensitive device ID), under optimistic
 * concurrency as the other stores. The hub services pass host names lower-cased.
 */
public interface HubDeviceStore {

    Optional<HubDevice> find(String hubHostName, String deviceId);

    /** False when the device ID is taken in that hub. */
    boolean insert(String hubHostName, HubDevice device);

    /** False when the stored version is no longer {@code expectedVersion}. */
    boolean replace(String hubHostName, HubDevice device, long expectedVersion);

    /** Negative {@code expectedVersion}: whatever the version. False when nothing was deleted. */
    boolean delete(String hubHostName, String deviceId, long expectedVersion);

    /**
     * The hub's devices in device ID order (case-sensitive, by UTF-16 code unit as {@link String#compareTo}, which
     * for the ASCII IDs allowed is byte order), after {@code afterDeviceId} (null: from the start).
     */
    List<HubDevice> list(String hubHostName, String afterDeviceId, int limit);
}
