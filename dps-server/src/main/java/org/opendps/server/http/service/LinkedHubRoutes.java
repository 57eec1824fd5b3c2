package org.opendps.server.http.service;

import static org.opendps.core.security.AccessRight.SERVICE_CONFIG;

import org.opendps.core.hub.LinkedHubService;
import org.opendps.core.security.ServiceAuthenticator;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.json.LinkedHubJson;

/**
 * {@code /linkedHubs} and {@code /properties}: OpenDPS's admin API for the hubs devices may be placed on and the
 * instance's allocation policy, which Azure manages through ARM. Every call needs ServiceConfig, because hubs
 * hold keys.
 */
final class LinkedHubRoutes {
    private final LinkedHubService hubs;

    private LinkedHubRoutes(LinkedHubService hubs) {
        this.hubs = hubs;
    }

    static void register(RouteTable routes, ServiceApi api) {
        LinkedHubRoutes r = new LinkedHubRoutes(api.linkedHubs());
        ServiceAuthenticator<SharedAccessPolicy> auth = api.authenticator();
        routes.add("GET", "/linkedHubs", Authorized.requiring(SERVICE_CONFIG, auth, r::list))
                .add("GET", "/linkedHubs/{hostName}", Authorized.requiring(SERVICE_CONFIG, auth, r::get))
                .add("PUT", "/linkedHubs/{hostName}", Authorized.requiring(SERVICE_CONFIG, auth, r::put))
                .add("DELETE", "/linkedHubs/{hostName}", Authorized.requiring(SERVICE_CONFIG, auth, r::delete))
                .add("GET", "/properties", Authorized.requiring(SERVICE_CONFIG, auth, r::properties))
                .add("PUT", "/properties", Authorized.requiring(SERVICE_CONFIG, auth, r::setProperties));
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(LinkedHubJson.writeList(hubs.list()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(LinkedHubJson.write(hubs.get(request.param(0))));
    }

    private ApiResponse put(ApiRequest request) {
        String hostName = request.param(0);
        return ApiResponse.ok(LinkedHubJson.write(hubs.put(hostName, LinkedHubJson.read(hostName, request.body()))));
    }

    private ApiResponse delete(ApiRequest request) {
        hubs.delete(request.param(0));
        return ApiResponse.noContent();
    }

    private ApiResponse properties(ApiRequest request) {
        return ApiResponse.ok(LinkedHubJson.writeProperties(hubs.instance(), hubs.list()));
    }

    /** Only the allocation policy may change here; hubs change under /linkedHubs, the ID scope never. */
    private ApiResponse setProperties(ApiRequest request) {
        hubs.setAllocationPolicy(LinkedHubJson.readAllocationPolicy(request.body()));
        return properties(request);
    }
}
