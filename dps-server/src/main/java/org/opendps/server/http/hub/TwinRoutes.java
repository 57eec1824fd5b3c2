package org.opendps.server.http.hub;

import static org.opendps.hub.builtin.HubRight.SERVICE_CONNECT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.hub.registry.HubRegistry;
import org.opendps.hub.twin.TwinService;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.server.mqtt.DirectMethods;
import org.opendps.wire.json.DirectMethodJson;
import org.opendps.wire.json.DirectMethodJson.MethodCall;

/**
 * {@code /twins}: device twins (tags and desired properties; reported ones are the device's) and direct methods,
 * under ServiceConnect as in IoT Hub.
 */
final class TwinRoutes {
    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";

    private final TwinService twins;
    private final HubRegistry registry;
    private final DirectMethods methods;

    private TwinRoutes(TwinService twins, HubRegistry registry, DirectMethods methods) {
        this.twins = twins;
        this.registry = registry;
        this.methods = methods;
    }

    /** @param methods null when no device endpoint runs: every device is then offline */
    static void register(RouteTable routes, HubGuard guard, TwinService twins, HubRegistry registry,
            DirectMethods methods) {
        TwinRoutes r = new TwinRoutes(twins, registry, methods);
        routes.add("GET", "/twins/{id}", guard.requiring(SERVICE_CONNECT, r::get))
                .add("PATCH", "/twins/{id}", guard.requiring(SERVICE_CONNECT, r::patch))
                .add("POST", "/twins/{id}", guard.requiring(SERVICE_CONNECT, r::overridden))
                .add("PUT", "/twins/{id}", guard.requiring(SERVICE_CONNECT, r::replace))
                .add("POST", "/twins/{id}/methods", guard.requiring(SERVICE_CONNECT, r::invoke));
    }

    private ApiResponse get(ApiRequest request, String hub) {
        return twin(twins.get(hub, request.param(0)));
    }

    /** Merges tags and desired properties; a null deletes. Answers the twin as stored. */
    private ApiResponse patch(ApiRequest request, String hub) {
        return twin(twins.patch(hub, request.param(0), body(request), request.header("If-Match")));
    }

    /** Replaces tags and desired properties whole. Answers the twin as stored. */
    private ApiResponse replace(ApiRequest request, String hub) {
        return twin(twins.replace(hub, request.param(0), body(request), request.header("If-Match")));
    }

    /** The Java service client's PATCH: HttpsURLConnection cannot send that method, so it POSTs with an override. */
    private ApiResponse overridden(ApiRequest request, String hub) {
        String override = request.header(METHOD_OVERRIDE);
        if (override == null || !override.trim().equalsIgnoreCase("PATCH")) {
            throw new DpsException(DpsError.METHOD_NOT_ALLOWED, "POST on a twin must carry "
                    + METHOD_OVERRIDE + ": PATCH; send PATCH, PUT or GET otherwise.");
        }
        return patch(request, hub);
    }

    /**
     * A direct method. The call is checked first (400), then the device (404 DeviceNotFound), then whether it is
     * connected to this node and subscribed to methods (404 DeviceNotOnline). The worker waits for the device's
     * answer (at most the call's response timeout) and answers {@code {"status","payload"}}, or 504 GatewayTimeout.
     */
    private ApiResponse invoke(ApiRequest request, String hub) {
        MethodCall call = DirectMethodJson.readCall(request.body());
        String deviceId = registry.get(hub, request.param(0)).deviceId();
        DirectMethods.Result result = methods == null ? null : DirectMethodCalls.await(methods.invoke(hub, deviceId,
                call.methodName(), call.payload().json(), Duration.ofSeconds(call.responseTimeoutSeconds())));
        if (result != null && result.outcome() == DirectMethods.Outcome.COMPLETED) {
            return ApiResponse.ok(DirectMethodCalls.answer(result).getBytes(StandardCharsets.UTF_8));
        }
        if (result != null && result.outcome() == DirectMethods.Outcome.TIMED_OUT) {
            throw new DpsException(DpsError.GATEWAY_TIMEOUT, "Device '" + deviceId + "' did not answer method '"
                    + quotable(call.methodName()) + "' within " + call.responseTimeoutSeconds() + " seconds.");
        }
        throw new DpsException(DpsError.DEVICE_NOT_ONLINE, "Device '" + deviceId + "' is not online, so method '"
                + quotable(call.methodName()) + "' cannot be invoked; connect the device and try again.");
    }

    private static String body(ApiRequest request) {
        return new String(request.body(), StandardCharsets.UTF_8);
    }

    private static ApiResponse twin(String json) {
        return ApiResponse.ok(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A method name is the caller's free text; it is quoted back only when plainly a name. */
    private static String quotable(String methodName) {
        return methodName.matches("[A-Za-z0-9_.\\-]{1,64}") ? methodName : "(as sent)";
    }
}
