package org.opendps.server.http.service;

import static org.opendps.core.security.AccessRight.SERVICE_CONFIG;

import org.opendps.core.security.AccessPolicyService;
import org.opendps.core.security.ServiceAuthenticator;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.json.PolicyJson;

/**
 * {@code /policies}: OpenDPS's admin API for shared access policies, which Azure manages through ARM. Every call
 * needs ServiceConfig, because policies hold keys.
 */
final class PolicyRoutes {
    private final AccessPolicyService policies;

    private PolicyRoutes(AccessPolicyService policies) {
        this.policies = policies;
    }

    static void register(RouteTable routes, ServiceApi api) {
        PolicyRoutes r = new PolicyRoutes(api.policies());
        ServiceAuthenticator<SharedAccessPolicy> auth = api.authenticator();
        routes.add("GET", "/policies", Authorized.requiring(SERVICE_CONFIG, auth, r::list))
                .add("GET", "/policies/{name}", Authorized.requiring(SERVICE_CONFIG, auth, r::get))
                .add("PUT", "/policies/{name}", Authorized.requiring(SERVICE_CONFIG, auth, r::put))
                .add("DELETE", "/policies/{name}", Authorized.requiring(SERVICE_CONFIG, auth, r::delete));
    }

    private ApiResponse list(ApiRequest request) {
        return ApiResponse.ok(PolicyJson.writeList(policies.list()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(PolicyJson.write(policies.get(request.param(0))));
    }

    private ApiResponse put(ApiRequest request) {
        return ApiResponse.ok(PolicyJson.write(policies.put(request.param(0), PolicyJson.read(request.body()))));
    }

    private ApiResponse delete(ApiRequest request) {
        policies.delete(request.param(0));
        return ApiResponse.noContent();
    }
}
