package org.opendps.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumSet;
import org.opendps.core.provisioning.RegistrationMetrics;

/**
 * One process's metrics in Prometheus's text format: the registration path (through core's
 * {@link RegistrationMetrics} port), the listeners' connections and requests (Vert.x's Micrometer metrics), the
 * JVM, and whatever else is bound to {@link #registry()} (the database pool). Every label takes a small fixed set
 * of values; none names a device.
 */
public final class OpenDpsMetrics implements RegistrationMetrics, AutoCloseable {
    /** What Prometheus's text exposition format 0.0.4 is served as. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    // Histogram buckets between these bounds only: a registration under 1 ms or over 30 s is off the scale anyway.
    private static final Duration SHORTEST = Duration.ofMillis(1);
    private static final Duration LONGEST = Duration.ofSeconds(30);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public OpenDpsMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** For other libraries' own Micrometer support (HikariCP). */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Vert.x's metrics on this registry: open connections, bytes and requests of the HTTPS listener
     * ({@code vertx_http_server_*}) and of the MQTT listener ({@code vertx_net_server_*}), labelled by local address
     * so the two ports stay apart. Paths are left out: they carry registration IDs.
     */
    public VertxMetricsFactory vertxMetrics() {
        return new MicrometerMetricsFactory(registry);
    }

    /** The options that switch {@link #vertxMetrics()} on. */
    public static MicrometerMetricsOptions vertxMetricsOptions() {
        return new MicrometerMetricsOptions().setEnabled(true)
                .setLabels(EnumSet.of(Label.LOCAL, Label.HTTP_METHOD, Label.HTTP_CODE));
    }

    /** The current values, in Prometheus's text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void attestation(String attestation, boolean accepted, Duration took) {
        timer("opendps.attestation", "Device attestation: the credential checked against the enrollments")
                .tags("attestation", attestation, "outcome", accepted ? "accepted" : "refused")
                .register(registry).record(took);
    }

    @Override
    public void registration(String transport, String attestation, String outcome, int status, Duration took) {
        timer("opendps.registration", "Register requests, from arrival to answer")
                .tags("transport", transport, "attestation", attestation, "outcome", outcome,
                        "status", Integer.toString(status))
                .register(registry).record(took);
    }

    @Override
    public void hubCall(String operation, boolean succeeded, Duration took) {
        timer("opendps.hub.call", "Calls to a hub's device registry")
                .tags("operation", operation, "outcome", succeeded ? "success" : "failure")
                .register(registry).record(took);
    }

    @Override
    public void operationsDeleted(int count) {
        Counter.builder("opendps.operations.deleted")
                .description("Registration operations deleted once past their retention")
                .register(registry).increment(count);
    }

    private static Timer.Builder timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(SHORTEST).maximumExpectedValue(LONGEST);
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
