package org.opendps.server.http.service;

import java.util.Objects;
import java.util.Set;
import org.opendps.core.audit.AuditLog;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.sas.SasTokenParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every call that may change the service's state to the audit log, with how it ended: every PUT, DELETE
 * and POST but the queries and the attestation mechanism reads (POST in Azure's API, yet reads). Calls whose token
 * failed are left out: their policy name is only a claim, and anyone could fill the log with them. A call refused
 * for lack of a right is kept, since the token proved who made it.
 */
final class AuditTrail implements RouteTable.Decorator {
    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);
    private static final Set<DpsError> UNAUTHENTICATED = Set.of(
            DpsError.UNAUTHORIZED, DpsError.INVALID_TOKEN, DpsError.TOKEN_EXPIRED);

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public RouteTable.Handler decorate(String method, String pattern, RouteTable.Handler handler) {
        if (!changes(method, pattern)) {
            return handler;
        }
        String operation = method + " " + pattern;
        return request -> {
            ApiResponse response;
            try {
                response = handler.handle(request);
            } catch (DpsException e) {
                if (!UNAUTHENTICATED.contains(e.error())) {
                    record(request, operation, e.error().httpStatus(), e.error().code());
                }
                throw e;
            } catch (RuntimeException e) {
                record(request, operation, 500, null);
                throw e;
            }
            record(request, operation, response.status(), null);
            return response;
        };
    }

    static boolean changes(String method, String pattern) {
        return method.equals("PUT") || method.equals("DELETE") || method.equals("POST")
                && !pattern.endsWith("/query") && !pattern.endsWith("/attestationmechanism");
    }

    /**
     * Only the resource's path and query string are kept, never a body or header: those carry keys. The change
     * has happened when this runs, so a failure to record it is logged rather than turned into an error.
     */
    private void record(ApiRequest request, String operation, int status, Integer errorCode) {
        String resource = request.query() == null ? request.path() : request.path() + "?" + request.query();
        try {
            String actor = SasTokenParser.parse(request.header("Authorization")).keyName();
            log.record(actor, operation, resource, status, errorCode);
        } catch (RuntimeException e) {
            LOG.error("Could not write the audit log entry of {} {} (status {}): {}", operation, resource, status,
                    e.toString());
        }
    }
}
