package org.opendps.core.provisioning;

import java.util.concurrent.atomic.AtomicInteger;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/**
 * A bound on the assignments this node has accepted and not finished. Behind each is a hub call (and perhaps a
 * webhook); when the hubs slow down, accepting more only lengthens the wait of every device and the memory held
 * for it. Past the bound a device is told 429 with Retry-After before anything is stored, and comes back later.
 */
final class AssignmentBacklog {
    private final int capacity;
    private final int retryAfterSeconds;
    private final AtomicInteger pending = new AtomicInteger();

    AssignmentBacklog(int capacity, int retryAfterSeconds) {
        if (capacity < 1 || retryAfterSeconds < 1) {
            throw new IllegalArgumentException("capacity and retryAfterSeconds must be at least 1");
        }
        this.capacity = capacity;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Takes a place, or throws 429; each place taken must be given back through {@link #finished()}. */
    void admit() {
        if (pending.incrementAndGet() > capacity) {
            pending.decrementAndGet();
            throw new DpsException(DpsError.THROTTLED, "Too many registrations in progress; retry after "
                    + retryAfterSeconds + " s.", retryAfterSeconds);
        }
    }

    void finished() {
        pending.decrementAndGet();
    }

    int pending() {
        return pending.get();
    }
}
