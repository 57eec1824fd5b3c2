package org.opendps.server.http.service;

import org.opendps.server.http.RouteTable;

/** Every route of the DPS service (management) API. */
public final class ServiceApiRoutes {
    private ServiceApiRoutes() {}

    public static RouteTable create(ServiceApi api) {
        RouteTable routes = new RouteTable();
        EnrollmentRoutes.register(routes, api);
        RegistrationRoutes.register(routes, api);
        PolicyRoutes.register(routes, api);
        LinkedHubRoutes.register(routes, api);
        CertificateRoutes.register(routes, api);
        return routes;
    }
}
