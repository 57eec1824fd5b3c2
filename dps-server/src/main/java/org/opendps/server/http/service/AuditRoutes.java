package org.opendps.server.http.service;

import static org.opendps.core.security.AccessRight.SERVICE_CONFIG;

import org.opendps.core.audit.AuditLog;
import org.opendps.core.error.DpsException;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.json.AuditJson;

/**
 * {@code GET /auditLog?top=&before=}: the audit log, newest first (an OpenDPS extension). It needs ServiceConfig,
 * the admin's right: the log shows who holds which policy and what they did.
 */
final class AuditRoutes {
    private final AuditLog log;

    private AuditRoutes(AuditLog log) {
        this.log = log;
    }

    static void register(RouteTable routes, ServiceApi api) {
        AuditRoutes r = new AuditRoutes(api.audit());
        routes.add("GET", "/auditLog", Authorized.requiring(SERVICE_CONFIG, api.authenticator(), r::list));
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(AuditJson.writeList(log.list(number(request, "before"), integer(request, "top"))));
    }

    private static Long number(ApiRequest request, String name) {
        String value = request.queryParam(name);
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            throw DpsException.invalidField(name, "must be a whole number");
        }
    }

    private static Integer integer(ApiRequest request, String name) {
        Long value = number(request, name);
        return value == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    }
}
