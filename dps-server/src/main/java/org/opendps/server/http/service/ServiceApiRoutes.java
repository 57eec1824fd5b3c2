package org.opendps.server.http.service;

import org.opendps.server.http.RouteTable;

/** Every route of the DPS service (management) API. */
public final class ServiceApiRoutes {
    private ServiceApiRoutes() {}

    public static RouteTable create(ServiceApi api) {
        RouteTable routes = new RouteTable();
        // Only the service API's own routes are audited; the hub and device routes added later to this table are not.
        RouteTable audited = routes.decoratedBy(new AuditTrail(api.audit()));
        EnrollmentRoutes.register(audited, api);
        RegistrationRoutes.register(audited, api);
        PolicyRoutes.register(audited, api);
        LinkedHubRoutes.register(audited, api);
        CertificateRoutes.register(audited, api);
        AuditRoutes.register(audited, api);
        return routes;
    }
}
