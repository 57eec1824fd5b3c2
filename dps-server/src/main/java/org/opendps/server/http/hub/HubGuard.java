package org.opendps.server.http.hub;

import java.util.EnumSet;
import java.util.Set;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.hub.builtin.HubPolicy;
import org.opendps.hub.builtin.HubRight;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.server.http.hub.ServedHubs.ServedHub;
import org.opendps.wire.sas.SasTokenParser;

/**
 * Wraps each hub API handler: find the hub by Host (404), check the token against that hub's policies and the
 * rights the route needs (401), and answer every failure, the handler's included, in the hub's error shape.
 */
final class HubGuard {
    /** A handler of the hub API, given the request and the host name of the hub it is for. */
    @FunctionalInterface
    interface HubHandler {
        ApiResponse handle(ApiRequest request, String hub);
    }

    private final ServedHubs hubs;
    private final HubErrors errors;

    HubGuard(ServedHubs hubs, HubErrors errors) {
        this.hubs = hubs;
        this.errors = errors;
    }

    /** Runs the handler for a token whose policy grants any of {@code anyOf}. */
    RouteTable.Handler requiringAny(Set<HubRight> anyOf, HubHandler handler) {
        return request -> {
            try {
                ServedHub hub = hubs.resolve(request.header("Host"));
                authorize(request, hub, anyOf);
                return handler.handle(request, hub.hostName());
            } catch (RuntimeException e) {
                return errors.map(e);
            }
        };
    }

    RouteTable.Handler requiring(HubRight right, HubHandler handler) {
        return requiringAny(EnumSet.of(right), handler);
    }

    /** The same 401 for every token failure, as the DPS API answers; the message says which check failed. */
    private static void authorize(ApiRequest request, ServedHub hub, Set<HubRight> anyOf) {
        String authorization = request.header("Authorization");
        HubPolicy policy = hub.authenticator().authenticate(
                authorization == null ? null : SasTokenParser.parse(authorization), request.path());
        if (anyOf.stream().noneMatch(policy::grants)) {
            throw new DpsException(DpsError.INSUFFICIENT_RIGHTS, "Policy '" + policy.keyName() + "' of IoT hub "
                    + hub.hostName() + " grants none of " + HubRight.format(anyOf) + ".");
        }
    }
}
