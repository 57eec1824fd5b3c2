package org.opendps.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One call that changed, or tried to change, the service's state through the service API. It names things, never
 * holds a secret: the resource is the request path, and no body is kept.
 *
 * @param actor the name of the shared access policy whose key signed the call
 * @param operation the method and route, like {@code PUT /enrollments/{id}}
 * @param resource the path the call was made on, with its query string
 * @param status the HTTP status answered
 * @param errorCode the Azure error code of a refusal; null on success
 */
public record AuditEvent(Instant at, String actor, String operation, String resource, int status,
        Integer errorCode) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(resource, "resource");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be an HTTP status: " + status);
        }
    }

    public boolean succeeded() {
        return status < 400;
    }
}
