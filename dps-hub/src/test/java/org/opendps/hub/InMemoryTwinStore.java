package org.opendps.hub;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.opendps.hub.twin.StoredTwin;
import org.opendps.hub.twin.TwinStore;

/**
 * A {@link TwinStore} over a map, which can play a concurrent writer: {@link #beforeNextReplace} runs a write of
 * its own between a service's read and its replace, so that the replace meets a conflict.
 */
public final class InMemoryTwinStore implements TwinStore {
    private final Map<String, StoredTwin> twins = new HashMap<>();
    private final Deque<Runnable> interlopers = new ArrayDeque<>();
    private int writes;

    @Override
    public synchronized Optional<StoredTwin> find(String hubHostName, String deviceId) {
        return Optional.ofNullable(twins.get(key(hubHostName, deviceId)));
    }

    @Override
    public synchronized boolean insert(String hubHostName, StoredTwin twin) {
        if (twins.putIfAbsent(key(hubHostName, twin.deviceId()), twin) != null) {
            return false;
        }
        writes++;
        return true;
    }

    @Override
    public synchronized boolean replace(String hubHostName, StoredTwin twin, long expectedVersion) {
        Runnable interloper = interlopers.poll();
        if (interloper != null) {
            interloper.run();
        }
        StoredTwin current = twins.get(key(hubHostName, twin.deviceId()));
        if (current == null || current.revision().version() != expectedVersion) {
            return false;
        }
        twins.put(key(hubHostName, twin.deviceId()), twin);
        writes++;
        return true;
    }

    @Override
    public synchronized boolean delete(String hubHostName, String deviceId) {
        return twins.remove(key(hubHostName, deviceId)) != null;
    }

    /** Runs {@code write} inside the next call of {@link #replace}, before it compares versions. */
    public synchronized void beforeNextReplace(Runnable write) {
        interlopers.add(write);
    }

    /** Successful inserts and replaces so far. */
    public synchronized int writes() {
        return writes;
    }

    /** Stores the twin over whatever is there, bumping nothing: a damaged or leftover row, as a test needs it. */
    public synchronized void force(String hubHostName, StoredTwin twin) {
        twins.put(key(hubHostName, twin.deviceId()), twin);
    }

    private static String key(String hubHostName, String deviceId) {
        return hubHostName + "/" + deviceId;
    }
}
