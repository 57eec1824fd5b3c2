package org.opendps.core.audit;

import java.util.List;

/** The durable audit log: appended to, never changed. */
public interface AuditStore {

    void append(AuditEvent event);

    /**
     * The newest entries first.
     *
     * @param beforeSequence only entries older than this one; null for the newest
     * @param limit at most this many
     */
    List<AuditEntry> list(Long beforeSequence, int limit);
}
