package org.opendps.hub.telemetry;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.opendps.hub.HubHosts;

/**
 * The last device-to-cloud messages of each built-in hub, in memory: what a service-side reader (tests, later
 * {@code opendps hub monitor}) sees. Bounded per hub so that a chatty device cannot exhaust the heap; the oldest
 * messages go first. Messages received on another node of a cluster are not seen here.
 */
public final class TelemetryLog {
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Clock clock;
    private final Map<String, HubLog> hubs = new ConcurrentHashMap<>();

    public TelemetryLog(Clock clock) {
        this(clock, DEFAULT_CAPACITY);
    }

    public TelemetryLog(Clock clock, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.capacity = capacity;
    }

    /** Enqueues a message now; returns it with its sequence number and enqueued time. */
    public TelemetryMessage append(String hubHostName, String deviceId, Map<String, String> properties, byte[] body) {
        String hub = HubHosts.key(hubHostName);
        return hubs.computeIfAbsent(hub, h -> new HubLog()).append(hub, deviceId, properties, body);
    }

    /** The hub's retained messages with a sequence number above {@code afterSequenceNumber}, oldest first. */
    public List<TelemetryMessage> readAfter(String hubHostName, long afterSequenceNumber) {
        HubLog log = hubs.get(HubHosts.key(hubHostName));
        return log == null ? List.of() : log.after(afterSequenceNumber);
    }

    /** Every retained message of the hub, oldest first. */
    public List<TelemetryMessage> read(String hubHostName) {
        return readAfter(hubHostName, 0);
    }

    private final class HubLog {
        private final Deque<TelemetryMessage> messages = new ArrayDeque<>();
        private long lastSequenceNumber;

        synchronized TelemetryMessage append(String hub, String deviceId, Map<String, String> properties,
                byte[] body) {
            TelemetryMessage message = new TelemetryMessage(hub, deviceId, ++lastSequenceNumber, clock.instant(),
                    properties, body);
            messages.addLast(message);
            if (messages.size() > capacity) {
                messages.removeFirst();
            }
            return message;
        }

        synchronized List<TelemetryMessage> after(long sequenceNumber) {
            List<TelemetryMessage> result = new ArrayList<>();
            for (TelemetryMessage message : messages) {
                if (message.sequenceNumber() > sequenceNumber) {
                    result.add(message);
                }
            }
            return result;
        }
    }
}
