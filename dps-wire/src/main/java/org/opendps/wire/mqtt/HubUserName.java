package org.opendps.wire.mqtt;

import java.util.Optional;

/**
 * The CONNECT user name of a hub device, {@code {hubHostName}/{deviceId}[/{moduleId}]/?api-version=..&..}, read
 * loosely: any api-version, any extra query keys (the SDKs disagree on them), one or two id segments.
 *
 * @param moduleId null for a device
 */
public record HubUserName(String hubHostName, String deviceId, String moduleId) {

    /** Empty when the user name is not of that shape (or is the DPS one, see {@link #isDps(String)}). */
    public static Optional<HubUserName> parse(String userName) {
        if (userName == null || isDps(userName)) {
            return Optional.empty();
        }
        int query = userName.indexOf('?');
        String path = query < 0 ? userName : userName.substring(0, query);
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] segments = path.split("/", -1);
        if (segments.length < 2 || segments.length > 3) {
            return Optional.empty();
        }
        for (String segment : segments) {
            if (segment.isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.of(new HubUserName(segments[0], segments[1], segments.length == 3 ? segments[2] : null));
    }

    /** Whether the user name is a DPS device's, {@code {idScope}/registrations/{registrationId}/...}. */
    public static boolean isDps(String userName) {
        // One rule for both readers, so that a user name is never both (found by MqttTopicsFuzzTest).
        return DpsUserName.parse(userName).isPresent();
    }

    public boolean isModule() {
        return moduleId != null;
    }
}
