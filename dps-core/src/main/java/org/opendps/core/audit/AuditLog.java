package org.opendps.core.audit;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.opendps.core.error.DpsException;

/** Records who changed what through the service API, when, and how it ended; and reads it back for an admin. */
public final class AuditLog {
    /** Entries per page unless asked otherwise, and the most a page may hold. */
    public static final int DEFAULT_PAGE = 100;
    public static final int MAX_PAGE = 1000;

    private final AuditStore store;
    private final Clock clock;

    public AuditLog(AuditStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void record(String actor, String operation, String resource, int status, Integer errorCode) {
        store.append(new AuditEvent(clock.instant(), actor, operation, resource, status, errorCode));
    }

    /** The newest entries first, older than {@code beforeSequence} when given. */
    public List<AuditEntry> list(Long beforeSequence, Integer top) {
        int limit = top == null ? DEFAULT_PAGE : top;
        if (limit < 1 || limit > MAX_PAGE) {
            throw DpsException.invalidField("top", "must be between 1 and " + MAX_PAGE);
        }
        return store.list(beforeSequence, limit);
    }
}
