package org.opendps.server.limits;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts open connections by remote address, so that one host cannot take every socket the process has. Shared
 * by the event loops of one listener; an address's entry goes when its last connection does.
 */
public final class ConnectionsPerAddress {
    private final int cap;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    /** @param cap connections one address may hold open; 0 for no cap */
    public ConnectionsPerAddress(int cap) {
        if (cap < 0) {
            throw new IllegalArgumentException("cap must be >= 0: " + cap);
        }
        this.cap = cap;
    }

    /** Counts one more connection of {@code address}; false (and nothing counted) when that would pass the cap. */
    public boolean tryOpen(String address) {
        if (cap == 0) {
            return true;
        }
        boolean[] admitted = {false};
        open.compute(address, (key, count) -> {
            int now = count == null ? 0 : count;
            admitted[0] = now < cap;
            return admitted[0] ? now + 1 : (count == null ? null : count);
        });
        return admitted[0];
    }

    /** A connection counted by {@link #tryOpen} closed. */
    public void closed(String address) {
        if (cap != 0) {
            open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    int openConnections(String address) {
        return open.getOrDefault(address, 0);
    }
}
