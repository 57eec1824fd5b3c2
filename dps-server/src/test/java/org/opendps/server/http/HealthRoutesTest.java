package org.opendps.server.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.server.metrics.OpenDpsMetrics;

/** The probes and the scrape as routes, with the database and the listeners switched by hand. */
class HealthRoutesTest {
    private final OpenDpsMetrics metrics = new OpenDpsMetrics();
    private final AtomicBoolean listening = new AtomicBoolean(true);
    private final AtomicBoolean database = new AtomicBoolean(true);
    private final RouteTable routes = HealthRoutes.create(new RouteTable(), metrics, listening::get, database::get);

    @AfterEach
    void close() {
        metrics.close();
    }

    @Test
    void ready_is_503_while_the_database_does_not_answer_and_200_again_once_it_does() {
        database.set(false);
        ApiResponse down = get("/ready");
        database.set(true);
        ApiResponse up = get("/ready");

        assertThat(down.status()).isEqualTo(503);
        assertThat(new String(down.body(), UTF_8))
                .isEqualTo("{\"status\":\"DOWN\",\"listeners\":\"UP\",\"database\":\"DOWN\"}");
        assertThat(up.status()).isEqualTo(200);
    }

    @Test
    void ready_is_503_until_the_listeners_are_up_while_health_is_200() {
        listening.set(false);

        assertThat(get("/ready").status()).isEqualTo(503);
        assertThat(new String(get("/ready").body(), UTF_8)).contains("\"listeners\":\"DOWN\"");
        assertThat(get("/health").status()).isEqualTo(200);
    }

    @Test
    void metrics_are_prometheus_text_with_the_registration_series() {
        metrics.registration("mqtt", "x509", "assigned", 200, Duration.ofMillis(12));

        ApiResponse answer = get("/metrics");

        assertThat(answer.headers()).containsEntry("Content-Type", OpenDpsMetrics.CONTENT_TYPE);
        assertThat(new String(answer.body(), UTF_8)).contains(
                "opendps_registration_seconds_count{attestation=\"x509\",outcome=\"assigned\",status=\"200\","
                        + "transport=\"mqtt\"} 1");
    }

    @Test
    void without_metrics_only_health_and_ready_are_routes() {
        RouteTable probesOnly = HealthRoutes.create(new RouteTable(), null, listening::get, database::get);

        assertThat(probesOnly.match("GET", "/metrics")).isEmpty();
        assertThat(probesOnly.match("GET", "/ready")).isPresent();
        assertThat(probesOnly.match("GET", "/health")).isPresent();
    }

    private ApiResponse get(String path) {
        RouteTable.Match match = routes.match("GET", path).orElseThrow();
        return match.handler().handle(new ApiRequest("GET", path, List.of(), name -> null, null, "", List.of()));
    }
}
