package org.opendps.server.http.service;

import static org.opendps.core.security.AccessRight.REGISTRATION_STATUS_READ;
import static org.opendps.core.security.AccessRight.REGISTRATION_STATUS_WRITE;

import org.opendps.core.query.Page;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStateService;
import org.opendps.core.security.ServiceAuthenticator;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.json.RegistrationStateJson;

/**
 * {@code /registrations}: one device's state (GET, DELETE), a group's states ({@code POST {group}/query}) and,
 * as an OpenDPS extension, every state ({@code POST /registrations/query}).
 */
final class RegistrationRoutes {
    private final RegistrationStateService registrations;

    private RegistrationRoutes(RegistrationStateService registrations) {
        this.registrations = registrations;
    }

    static void register(RouteTable routes, ServiceApi api) {
        RegistrationRoutes r = new RegistrationRoutes(api.registrations());
        ServiceAuthenticator<SharedAccessPolicy> auth = api.authenticator();
        routes.add("POST", "/registrations/query", Authorized.requiring(REGISTRATION_STATUS_READ, auth, r::queryAll))
                .add("POST", "/registrations/{groupId}/query",
                        Authorized.requiring(REGISTRATION_STATUS_READ, auth, r::queryGroup))
                .add("GET", "/registrations/{id}", Authorized.requiring(REGISTRATION_STATUS_READ, auth, r::get))
                .add("DELETE", "/registrations/{id}",
                        Authorized.requiring(REGISTRATION_STATUS_WRITE, auth, r::delete));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(RegistrationStateJson.write(registrations.get(request.param(0))));
    }

    private ApiResponse delete(ApiRequest request) {
        registrations.delete(request.param(0), request.header("If-Match"));
        return ApiResponse.noContent();
    }

    /** The body is ignored: the SPEC defines none, Java and Node send one anyway. */
    private ApiResponse queryGroup(ApiRequest request) {
        return page(registrations.queryGroup(request.param(0), pageSize(request), continuation(request)));
    }

    private ApiResponse queryAll(ApiRequest request) {
        return page(registrations.queryAll(pageSize(request), continuation(request)));
    }

    private static ApiResponse page(Page<DeviceRegistrationState> page) {
        return QueryResponses.page(page, "deviceRegistration", RegistrationStateJson.writeList(page.items()));
    }

    private static Integer pageSize(ApiRequest request) {
        return request.intHeader("x-ms-max-item-count");
    }

    private static String continuation(ApiRequest request) {
        return request.header("x-ms-continuation");
    }
}
