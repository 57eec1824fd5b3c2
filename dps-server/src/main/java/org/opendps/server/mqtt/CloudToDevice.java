package org.opendps.server.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.wire.json.CloudToDeviceJson.CloudToDeviceMessage;
import org.opendps.wire.mqtt.HubTopics;

/**
 * Cloud-to-device messages of the built-in hubs: delivered at once to a connected device that subscribed to
 * {@code devices/{id}/messages/devicebound/#}, else kept until it does, at most {@value #MAX_PENDING} per device as
 * in Azure (then 403004). Kept in memory on this node and sent once at QoS 1: a message is gone once published,
 * acknowledged or not, and a restart loses the ones waiting.
 */
public final class CloudToDevice {
    public static final int MAX_PENDING = 50;

    private final HubSessions sessions;
    /** Guarded by {@code this}, as is the decision to deliver or keep, so that no message slips past a subscribe. */
    private final Map<String, Deque<Outgoing>> pending = new HashMap<>();

    public CloudToDevice(HubSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    private record Outgoing(String topic, byte[] body) {}

    /** Sends or keeps the message; the caller has checked that the device exists in {@code hub}. */
    public synchronized void send(String hub, CloudToDeviceMessage message) {
        Outgoing outgoing = new Outgoing(HubTopics.cloudToDevice(message.deviceId(), properties(message)),
                message.body());
        HubMqttSession listening = sessions.find(hub, message.deviceId())
                .filter(HubMqttSession::takesCloudToDevice).orElse(null);
        if (listening != null) {
            listening.sendCloudToDevice(outgoing.topic(), outgoing.body());
            return;
        }
        Deque<Outgoing> queue = pending.computeIfAbsent(key(hub, message.deviceId()), k -> new ArrayDeque<>());
        if (queue.size() >= MAX_PENDING) {
            throw new DpsException(DpsError.DEVICE_QUEUE_FULL, "Device '" + message.deviceId() + "' already has "
                    + MAX_PENDING + " cloud-to-device messages waiting.");
        }
        queue.add(outgoing);
    }

    /** The device subscribed to its messages: what waited goes out, oldest first. */
    synchronized void subscribed(HubMqttSession session) {
        Deque<Outgoing> queue = pending.remove(key(session.hub(), session.deviceId()));
        if (queue != null) {
            queue.forEach(outgoing -> session.sendCloudToDevice(outgoing.topic(), outgoing.body()));
        }
    }

    /** Waiting messages of a device, for tests and monitoring. */
    public synchronized int pending(String hub, String deviceId) {
        Deque<Outgoing> queue = pending.get(key(hub, deviceId));
        return queue == null ? 0 : queue.size();
    }

    /** System properties first ({@code $.mid} always, as Azure assigns one), then the application's. */
    private static Map<String, String> properties(CloudToDeviceMessage message) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("$.mid", message.messageId() == null ? UUID.randomUUID().toString() : message.messageId());
        if (message.correlationId() != null) {
            properties.put("$.cid", message.correlationId());
        }
        properties.putAll(message.properties());
        return properties;
    }

    private static String key(String hub, String deviceId) {
        return hub.toLowerCase(Locale.ROOT) + "/" + deviceId;
    }
}
