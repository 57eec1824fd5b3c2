package org.opendps.wire.mqtt;

import java.util.Optional;

/**
 * The CONNECT user name of a DPS device, {@code {idScope}/registrations/{registrationId}/api-version=..&..}
 * (protocol/dps-device.md §5). Read loosely: any api-version and any further keys, since the SDKs disagree on
 * them (Java repeats the api-version as ClientVersion, Node sends its package and version).
 */
public record DpsUserName(String idScope, String registrationId) {

    /**
     * Empty unless the user name has that shape with a non-empty scope and registration ID. A third segment that
     * starts with {@code ?} is a hub device's query ({@code {hub}/registrations/?api-version=..}, a device named
     * "registrations"), not a registration ID.
     */
    public static Optional<DpsUserName> parse(String userName) {
        if (userName == null) {
            return Optional.empty();
        }
        String[] segments = userName.split("/", 4);
        if (segments.length < 3 || !segments[1].equals("registrations") || segments[0].isEmpty()
                || segments[2].isEmpty() || segments[2].startsWith("?")) {
            return Optional.empty();
        }
        return Optional.of(new DpsUserName(segments[0], segments[2]));
    }
}
