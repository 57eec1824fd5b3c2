package org.opendps.core.audit;

import java.util.Objects;

/** An audit event as stored, with its place in the log: sequence numbers grow with every event appended. */
public record AuditEntry(long sequence, AuditEvent event) {
    public AuditEntry {
        Objects.requireNonNull(event, "event");
    }
}
