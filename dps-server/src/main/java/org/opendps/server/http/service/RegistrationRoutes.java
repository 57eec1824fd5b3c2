package org.opendps.server.http.service;

import static org.opendps.core.security.AccessRight.REGISTRATION_STATUS_READ;
import static org.opendps.core.security.AccessRight.REGISTRATION_STATUS_WRITE;

import java.util.List;
import org.opendps.core.query.Page;
import org.opendps.core.registration.Deprovisioning;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStateService;
import org.opendps.core.security.ServiceAuthenticator;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.json.DeprovisionJson;
import org.opendps.wire.json.RegistrationStateJson;

/**
 * {@code /registrations}: one device's state (GET, DELETE), a group's states ({@code POST {group}/query}) and,
 * as an OpenDPS extension, every state ({@code POST /registrations/query}).
 *
 * <p>Deprovisioning, also OpenDPS extensions, with RegistrationStatusWrite:
 * {@code POST /registrations/{id}/deprovision} and {@code POST /enrollmentGroups/{id}/deprovision} (every assigned
 * device of the group, whether or not the group still exists), body {@code {"action":"disable"|"delete"}}.
 * {@code disable} disables the device's identity in its hub; {@code delete} deletes it there and deletes the
 * registration state. Both answer 200
 * {@code {"action":…,"devices":[{"registrationId","assignedHub","deviceId"}]}}; a single registration answers 404
 * when unknown, 409 when not assigned or its hub is no longer linked, 500201 when the hub call fails.
 */
final class RegistrationRoutes {
    private final RegistrationStateService registrations;
    private final Deprovisioning deprovisioning;

    private RegistrationRoutes(RegistrationStateService registrations, Deprovisioning deprovisioning) {
        this.registrations = registrations;
        this.deprovisioning = deprovisioning;
    }

    static void register(RouteTable routes, ServiceApi api) {
        RegistrationRoutes r = new RegistrationRoutes(api.registrations(), api.deprovisioning());
        ServiceAuthenticator<SharedAccessPolicy> auth = api.authenticator();
        routes.add("POST", "/registrations/query", Authorized.requiring(REGISTRATION_STATUS_READ, auth, r::queryAll))
                .add("POST", "/registrations/{groupId}/query",
                        Authorized.requiring(REGISTRATION_STATUS_READ, auth, r::queryGroup))
                .add("GET", "/registrations/{id}", Authorized.requiring(REGISTRATION_STATUS_READ, auth, r::get))
                .add("DELETE", "/registrations/{id}",
                        Authorized.requiring(REGISTRATION_STATUS_WRITE, auth, r::delete))
                .add("POST", "/registrations/{id}/deprovision",
                        Authorized.requiring(REGISTRATION_STATUS_WRITE, auth, r::deprovision))
                .add("POST", "/enrollmentGroups/{id}/deprovision",
                        Authorized.requiring(REGISTRATION_STATUS_WRITE, auth, r::deprovisionGroup));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(RegistrationStateJson.write(registrations.get(request.param(0))));
    }

    private ApiResponse delete(ApiRequest request) {
        registrations.delete(request.param(0), request.header("If-Match"));
        return ApiResponse.noContent();
    }

    private ApiResponse deprovision(ApiRequest request) {
        Deprovisioning.Action action = DeprovisionJson.readAction(request.body());
        return ApiResponse.ok(DeprovisionJson.writeResults(action,
                List.of(deprovisioning.deprovision(request.param(0), action))));
    }

    private ApiResponse deprovisionGroup(ApiRequest request) {
        Deprovisioning.Action action = DeprovisionJson.readAction(request.body());
        return ApiResponse.ok(DeprovisionJson.writeResults(action,
                deprovisioning.deprovisionGroup(request.param(0), action)));
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
