package org.opendps.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import org.opendps.server.metrics.OpenDpsMetrics;

/**
 * OpenDPS's operational routes, which Azure does not have: {@code GET /health} (live: the process answers),
 * {@code GET /ready} (the database answers and both listeners are up) and, when the operator asks for it,
 * {@code GET /metrics} (Prometheus text format). They need no token, because probes and scrapers carry none; they
 * reveal counts and timings under fixed labels, never a device, key or enrollment. Their single-segment paths
 * never match a device route, whose first segment is an ID scope followed by more.
 */
public final class HealthRoutes {
    private static final byte[] UP = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);

    private HealthRoutes() {}

    /**
     * @param metrics null to leave {@code /metrics} out (it is then an unknown path, 404)
     * @param listening true once every listener accepts connections
     * @param database true when the database answers now; may block (the routes run on workers)
     */
    public static RouteTable create(RouteTable routes, OpenDpsMetrics metrics, BooleanSupplier listening,
            BooleanSupplier database) {
        Objects.requireNonNull(listening, "listening");
        Objects.requireNonNull(database, "database");
        routes.add("GET", "/health", request -> ApiResponse.ok(UP))
                .add("GET", "/ready", request -> ready(listening.getAsBoolean(), database.getAsBoolean()));
        if (metrics != null) {
            routes.add("GET", "/metrics", request -> new ApiResponse(200,
                    Map.of("Content-Type", OpenDpsMetrics.CONTENT_TYPE),
                    metrics.scrape().getBytes(StandardCharsets.UTF_8)));
        }
        return routes;
    }

    private static ApiResponse ready(boolean listening, boolean database) {
        if (listening && database) {
            return ApiResponse.ok(UP);
        }
        String body = "{\"status\":\"DOWN\",\"listeners\":\"" + (listening ? "UP" : "DOWN") + "\",\"database\":\""
                + (database ? "UP" : "DOWN") + "\"}";
        return ApiResponse.json(503, body.getBytes(StandardCharsets.UTF_8));
    }
}
