package org.opendps.server;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import java.net.BindException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.opendps.core.provisioning.ProvisioningService;
import org.opendps.server.http.HealthRoutes;
import org.opendps.server.http.HttpErrorMapper;
import org.opendps.server.http.HttpsVerticle;
import org.opendps.server.http.RouteTable;
import org.opendps.server.http.device.DeviceApiRoutes;
import org.opendps.server.http.hub.HubApi;
import org.opendps.server.http.hub.HubApiRoutes;
import org.opendps.server.http.service.ServiceApi;
import org.opendps.server.http.service.ServiceApiRoutes;
import org.opendps.server.limits.BoundedWorker;
import org.opendps.server.limits.Limits;
import org.opendps.server.mqtt.HubDeviceServices;
import org.opendps.server.mqtt.DeviceMqttConnector;
import org.opendps.server.mqtt.MqttVerticle;
import org.opendps.server.mqtt.MqttWebSockets;
import org.opendps.server.metrics.OpenDpsMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The network side of OpenDPS: one Vert.x instance with the HTTPS and MQTT listeners. */
public final class OpenDpsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenDpsServer.class);
    private static final long START_TIMEOUT_SECONDS = 30;
    private static final long STOP_TIMEOUT_SECONDS = 10;

    private final Vertx vertx;
    private final List<String> listeners;
    private final int httpsPort;
    private final int mqttPort;

    private OpenDpsServer(Vertx vertx, List<String> listeners, int httpsPort, int mqttPort) {
        this.vertx = vertx;
        this.listeners = listeners;
        this.httpsPort = httpsPort;
        this.mqttPort = mqttPort;
    }

    /**
     * What {@code /metrics} and {@code /ready} report on.
     *
     * @param metrics the caller owns and closes it
     * @param serveMetrics whether {@code GET /metrics} is served (collected either way: it is cheap)
     * @param database true when the database answers now (may block: it runs on a worker)
     */
    public record Monitoring(OpenDpsMetrics metrics, boolean serveMetrics, BooleanSupplier database) {
        public Monitoring {
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(database, "database");
        }
    }

    /**
     * Starts both listeners and returns once they accept connections.
     *
     * @param hubs the built-in hubs' service API, served on the HTTPS listener beside the DPS's
     * @param hubDevices the built-in hubs' device endpoint on the MQTT listener; null to refuse every hub device
     * @param provisioning the device registration use cases; the caller owns and closes it
     * @param monitoring what the listeners and the registration path report to, and {@code /ready} asks
     * @throws ListenException with one clear sentence when a port cannot be bound
     */
    public static OpenDpsServer start(ServerConfig config, ServiceApi api, HubApi hubs, HubDeviceServices hubDevices,
            ProvisioningService provisioning, Clock clock, Monitoring monitoring) {
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setEventLoopPoolSize(config.eventLoops())
                        .setMetricsOptions(OpenDpsMetrics.vertxMetricsOptions()))
                .withMetrics(monitoring.metrics().vertxMetrics())
                .build();
        try {
            WorkerExecutor worker = vertx.createSharedWorkerExecutor("opendps-worker", config.workerThreads());
            // One pool, two bounded queues in front of it: devices cannot crowd out the service API, nor it them.
            Limits limits = config.limits();
            WorkerExecutor deviceWork = new BoundedWorker(worker, limits.deviceQueue(), limits.queueWait(),
                    limits.retryAfterSeconds());
            WorkerExecutor serviceWork = new BoundedWorker(worker, limits.serviceQueue(), limits.queueWait(),
                    limits.retryAfterSeconds());
            RouteTable routes = ServiceApiRoutes.create(api);
            AtomicBoolean listening = new AtomicBoolean();
            HealthRoutes.create(routes, monitoring.serveMetrics() ? monitoring.metrics() : null, listening::get,
                    monitoring.database());
            // Before the device routes, whose first segment (the ID scope) is a parameter: see DeviceRouteConflictTest.
            HubApiRoutes.create(routes, hubs);
            DeviceApiRoutes.create(routes, provisioning, monitoring.metrics());
            HttpErrorMapper errors = new HttpErrorMapper(clock);
            // One engine for MQTT on its port and over WebSocket on the HTTPS port, DPS and hub devices alike.
            DeviceMqttConnector devices = new DeviceMqttConnector(vertx, deviceWork, hubDevices,
                    DeviceApiRoutes.of(provisioning, "mqtt", monitoring.metrics()), errors);
            HttpsVerticle https = new HttpsVerticle(config, routes, errors, deviceWork, serviceWork,
                    new MqttWebSockets(vertx, devices, limits.mqttConnectTimeout()));
            String httpsListener = deploy(vertx, https, "HTTPS", config.bindAddress(), config.httpsPort());
            MqttVerticle mqtt = new MqttVerticle(config, devices);
            String mqttListener = deploy(vertx, mqtt, "MQTT", config.bindAddress(), config.mqttPort());
            listening.set(true);
            LOG.info("Listening on {}: HTTPS port {}, MQTT port {}", config.bindAddress(), https.actualPort(),
                    mqtt.actualPort());
            return new OpenDpsServer(vertx, List.of(httpsListener, mqttListener), https.actualPort(),
                    mqtt.actualPort());
        } catch (RuntimeException e) {
            closeQuietly(vertx);
            throw e;
        }
    }

    /** The verticle's deployment ID. */
    private static String deploy(Vertx vertx, io.vertx.core.Deployable verticle, String name, String bind,
            int port) {
        try {
            return vertx.deployVerticle(verticle).await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof BindException)) {
                cause = cause.getCause();
            }
            if (cause instanceof BindException) {
                throw new ListenException("Cannot listen for " + name + " on " + bind + ":" + port + ": "
                        + (cause.getMessage() == null ? "address in use" : cause.getMessage().toLowerCase(java.util.Locale.ROOT)) + ".");
            }
            throw new ListenException("Cannot start the " + name + " listener on " + bind + ":" + port + ": " + e.getMessage());
        }
    }

    public int httpsPort() {
        return httpsPort;
    }

    public int mqttPort() {
        return mqttPort;
    }

    /**
     * Stops accepting and lets requests in flight finish, then stops the threads. In this order: Vert.x alone stops
     * the worker threads while its listeners still read requests, and those were answered 500 (issue #9).
     */
    @Override
    public void close() {
        try {
            Future.all(listeners.stream().map(vertx::undeploy).toList())
                    .await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Listeners did not stop cleanly within {} s", STOP_TIMEOUT_SECONDS, e);
        }
        closeQuietly(vertx);
    }

    private static void closeQuietly(Vertx vertx) {
        try {
            vertx.close().await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Vert.x did not stop cleanly within {} s", STOP_TIMEOUT_SECONDS, e);
        }
    }

    /** A listener that could not start; its message is one line for the user. */
    public static final class ListenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ListenException(String message) {
            super(message);
        }
    }
}
