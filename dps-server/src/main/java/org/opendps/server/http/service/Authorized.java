package org.opendps.server.http.service;

import org.opendps.core.security.AccessRight;
import org.opendps.core.security.ServiceAuthenticator;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.sas.SasTokenParser;

/** Wraps a service API handler so that it runs only for a valid token whose policy grants the right. */
final class Authorized {
    private Authorized() {}

    static RouteTable.Handler requiring(AccessRight right, ServiceAuthenticator<SharedAccessPolicy> authenticator,
            RouteTable.Handler handler) {
        return request -> {
            authenticate(request, right, authenticator);
            return handler.handle(request);
        };
    }

    static SharedAccessPolicy authenticate(ApiRequest request, AccessRight right,
            ServiceAuthenticator<SharedAccessPolicy> authenticator) {
        String authorization = request.header("Authorization");
        SharedAccessPolicy policy = authenticator.authenticate(
                authorization == null ? null : SasTokenParser.parse(authorization), request.path());
        ServiceAuthenticator.require(policy, right);
        return policy;
    }
}
