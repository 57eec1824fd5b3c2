package org.opendps.hub.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.opendps.hub.HubHosts;

/**
 * The last device-to-cloud messages of each built-in hub, in memory: what a service-side reader (tests,
 * {@code GET /messages/events}, {@code opendps hub monitor}) sees. Bounded per hub so that a chatty device cannot
 * exhaust the heap; the oldest messages go first. Messages received on another node of a cluster are not seen here.
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
        return log == null ? List.of() : log.after(afterSequenceNumber, Integer.MAX_VALUE);
    }

    /**
     * At most {@code max} of the hub's retained messages with a sequence number above {@code afterSequenceNumber},
     * oldest first. A reader that fell behind the bound gets what is left: the first sequence number then jumps.
     */
    public List<TelemetryMessage> readAfter(String hubHostName, long afterSequenceNumber, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        HubLog log = hubs.get(HubHosts.key(hubHostName));
        return log == null ? List.of() : log.after(afterSequenceNumber, max);
    }

    /**
     * As {@link #readAfter(String, long, int)}, but when there is nothing yet, waits up to {@code wait} for a message
     * and returns as soon as one arrives (long polling). Blocks the calling thread: never call it on an event loop.
     */
    public List<TelemetryMessage> awaitAfter(String hubHostName, long afterSequenceNumber, int max, Duration wait)
            throws InterruptedException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        return hubs.computeIfAbsent(HubHosts.key(hubHostName), h -> new HubLog())
                .await(afterSequenceNumber, max, wait.toNanos());
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
            notifyAll(); // long-polling readers
            return message;
        }

        synchronized List<TelemetryMessage> await(long sequenceNumber, int max, long waitNanos)
                throws InterruptedException {
            long deadline = System.nanoTime() + waitNanos;
            List<TelemetryMessage> found = after(sequenceNumber, max);
            for (long left = waitNanos; found.isEmpty() && left > 0; left = deadline - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(this, left);
                found = after(sequenceNumber, max);
            }
            return found;
        }

        /** Sequence numbers are consecutive in the deque, so the start is computed, not searched for. */
        synchronized List<TelemetryMessage> after(long sequenceNumber, int max) {
            List<TelemetryMessage> result = new ArrayList<>();
            if (messages.isEmpty() || sequenceNumber >= lastSequenceNumber) {
                return result;
            }
            long skip = Math.max(0, sequenceNumber - messages.peekFirst().sequenceNumber() + 1);
            messages.stream().skip(skip).limit(max).forEach(result::add);
            return result;
        }
    }
}
