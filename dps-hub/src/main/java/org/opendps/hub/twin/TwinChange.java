package org.opendps.hub.twin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a twin operation made of a twin.
 *
 * @param twin the twin to store, with its revision moved on; the unchanged twin when {@code changed} is false
 * @param desiredNotification what connected devices are told, the applied patch plus {@code $version}; null when
 *     the desired properties did not change
 */
record TwinChange(StoredTwin twin, boolean changed, ObjectNode desiredNotification) {

    static TwinChange none(StoredTwin twin) {
        return new TwinChange(twin, false, null);
    }
}
