package org.opendps.server.mqtt;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opendps.hub.twin.DesiredPropertiesListener;

/**
 * The devices connected to this node, one session per (hub, device): a second connection drops the first, as
 * Azure does (400027 ConnectionForcefullyClosedOnNewConnection). Passes desired property changes to the device.
 */
public final class HubSessions implements DesiredPropertiesListener {
    private final Map<String, HubMqttSession> sessions = new ConcurrentHashMap<>();

    /** Makes {@code session} the device's, closing the one it replaces. */
    void register(HubMqttSession session) {
        HubMqttSession previous = sessions.put(key(session.hub(), session.deviceId()), session);
        if (previous != null && previous != session) {
            previous.close();
        }
    }

    /** Forgets the session unless a newer one of the device has replaced it. */
    void remove(HubMqttSession session) {
        sessions.remove(key(session.hub(), session.deviceId()), session);
    }

    public Optional<HubMqttSession> find(String hubHostName, String deviceId) {
        return Optional.ofNullable(sessions.get(key(hubHostName, deviceId)));
    }

    @Override
    public void desiredChanged(String hubHostName, String deviceId, String notificationJson, long version) {
        find(hubHostName, deviceId).ifPresent(session -> session.sendDesired(notificationJson, version));
    }

    /** Host names compare case-insensitively, device IDs exactly. */
    private static String key(String hub, String deviceId) {
        return hub.toLowerCase(Locale.ROOT) + "/" + deviceId;
    }
}
