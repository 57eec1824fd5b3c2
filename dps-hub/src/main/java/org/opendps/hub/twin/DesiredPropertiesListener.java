package org.opendps.hub.twin;

/**
 * Told of every committed change of a twin's desired properties, so that the device endpoint can pass it to the
 * device if it is connected. Called on the writer's thread after the write is stored, once per change; must not
 * block. Changes made on another node of a cluster are not seen here.
 */
@FunctionalInterface
public interface DesiredPropertiesListener {

    /**
     * @param hubHostName the hub, lower-cased
     * @param notificationJson the body of {@code $iothub/twin/PATCH/properties/desired/?$version={version}}: the
     *     applied patch (null members mean deleted keys) plus {@code "$version"}
     * @param version the desired properties' new {@code $version}
     */
    void desiredChanged(String hubHostName, String deviceId, String notificationJson, long version);
}
