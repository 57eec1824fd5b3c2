package org.opendps.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.opendps.wire.ConnectionInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code opendps serve}: runs the service until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run OpenDPS: the DPS device and service APIs over HTTPS, and MQTT over TLS.",
        footer = {"", "Every option can also be set through the environment variable named in its description."})
public final class ServeCommand implements Callable<Integer> {
    static final int EXIT_CANNOT_START = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "${env:OPENDPS_DATA_DIR:-./data}",
            description = "Directory for the database, keys and certificates (OPENDPS_DATA_DIR; default: ${DEFAULT-VALUE}).")
    private Path dataDir;

    @Option(names = "--https-port", defaultValue = "${env:OPENDPS_HTTPS_PORT:-8443}",
            description = "HTTPS port of the device and service APIs (OPENDPS_HTTPS_PORT; default: ${DEFAULT-VALUE}).")
    private int httpsPort;

    @Option(names = "--mqtt-port", defaultValue = "${env:OPENDPS_MQTT_PORT:-8883}",
            description = "MQTT over TLS port (OPENDPS_MQTT_PORT; default: ${DEFAULT-VALUE}).")
    private int mqttPort;

    @Option(names = "--bind", defaultValue = "${env:OPENDPS_BIND:-0.0.0.0}",
            description = "Address to listen on (OPENDPS_BIND; default: ${DEFAULT-VALUE}).")
    private String bind;

    @Option(names = "--host-name", split = ",", defaultValue = "${env:OPENDPS_HOST_NAME:-}",
            description = "Host name clients use; repeatable, the first is advertised, all go in the certificate "
                    + "(OPENDPS_HOST_NAME, comma-separated; default: localhost).")
    private List<String> hostNames = new ArrayList<>();

    @Option(names = "--database-url", defaultValue = "${env:OPENDPS_DATABASE_URL:-}",
            description = "jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB (OPENDPS_DATABASE_URL; default: SQLite in the data directory).")
    private String databaseUrl;

    @Option(names = "--log-level", defaultValue = "${env:OPENDPS_LOG_LEVEL:-INFO}",
            description = "TRACE, DEBUG, INFO, WARN or ERROR (OPENDPS_LOG_LEVEL; default: ${DEFAULT-VALUE}).")
    private String logLevel;

    @Option(names = "--location", defaultValue = "${env:OPENDPS_LOCATION:-}",
            description = "Where this node runs, e.g. westeurope; linked hubs of the same location are nearest under "
                    + "lowest-latency allocation (OPENDPS_LOCATION; default: none).")
    private String location;

    @Option(names = "--registrations-per-second", defaultValue = "${env:OPENDPS_REGISTRATIONS_PER_SECOND:-5000}",
            description = "Flood protection: registrations per second for the instance, bursts of twice that; more "
                    + "get 429 with Retry-After (OPENDPS_REGISTRATIONS_PER_SECOND; default: ${DEFAULT-VALUE}).")
    private int registrationsPerSecond;

    @Option(names = "--registrations-per-device-per-minute",
            defaultValue = "${env:OPENDPS_REGISTRATIONS_PER_DEVICE_PER_MINUTE:-120}",
            description = "Flood protection: registrations per minute of one registration ID "
                    + "(OPENDPS_REGISTRATIONS_PER_DEVICE_PER_MINUTE; default: ${DEFAULT-VALUE}).")
    private int registrationsPerDevicePerMinute;

    @Option(names = "--max-pending-assignments",
            defaultValue = "${env:OPENDPS_MAX_PENDING_ASSIGNMENTS:-10000}",
            description = "Back-pressure: registrations accepted and still being assigned on this node (hub calls, "
                    + "webhooks); more get 429 with Retry-After (OPENDPS_MAX_PENDING_ASSIGNMENTS; default: ${DEFAULT-VALUE}).")
    private int maxPendingAssignments;

    @Mixin
    private ListenerLimitOptions listenerLimits;

    @Option(names = "--hub", split = ",", defaultValue = "${env:OPENDPS_HUB:-}",
            description = "Host name of another built-in IoT hub (repeatable; e.g. 127.0.0.2); one hub named after the "
                    + "advertised host always runs (OPENDPS_HUB, comma-separated).")
    private List<String> extraHubs = new ArrayList<>();

    @Option(names = "--metrics", defaultValue = "${env:OPENDPS_METRICS:-false}",
            description = "Serve GET /metrics (Prometheus text format, no token) on the HTTPS port (OPENDPS_METRICS).")
    private boolean metrics;

    @Option(names = "--operation-retention", defaultValue = "${env:OPENDPS_OPERATION_RETENTION:-24h}",
            converter = OperationRetention.class, paramLabel = "<duration>",
            description = "How long a registration operation is kept after its last update, for the device polling "
                    + "it; older ones are deleted every 5 minutes. 7d, 24h, 30m, or seconds; at least 10m "
                    + "(OPENDPS_OPERATION_RETENTION; default: ${DEFAULT-VALUE}).")
    private Duration operationRetention;

    @Option(names = "--database-pool-size", defaultValue = "${env:OPENDPS_DATABASE_POOL_SIZE:-10}",
            paramLabel = "<connections>",
            description = "Connections this node keeps to the database, 1 to 200. Nodes sharing a PostgreSQL server "
                    + "must stay within its max_connections together (OPENDPS_DATABASE_POOL_SIZE; default: "
                    + "${DEFAULT-VALUE}).")
    private int databasePoolSize;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ServeConfig config;
        try {
            config = new ServeConfig(dataDir, httpsPort, mqttPort, bind,
                    hostNames.stream().filter(h -> !h.isBlank()).toList(),
                    databaseUrl == null || databaseUrl.isBlank() ? null : databaseUrl, logLevel, location,
                    new ServeConfig.RegistrationLimits(registrationsPerSecond, registrationsPerDevicePerMinute,
                            maxPendingAssignments),
                    extraHubs.stream().filter(h -> !h.isBlank()).toList(), metrics, listenerLimits.limits(),
                    operationRetention, databasePoolSize);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return spec.exitCodeOnInvalidInput();
        }
        Logging.setLevel(config.logLevel());
        OpenDps dps;
        try {
            dps = OpenDps.start(config);
        } catch (RuntimeException e) {
            err.println("error: " + oneLine(e));
            return EXIT_CANNOT_START;
        }
        printConnectionInfo(spec.commandLine().getOut(), dps);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dps.close();
            stopped.countDown();
        }, "opendps-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    Duration operationRetention() {
        return operationRetention;
    }

    int databasePoolSize() {
        return databasePoolSize;
    }

    private static void printConnectionInfo(PrintWriter out, OpenDps dps) {
        ConnectionInfo info = dps.connectionInfo();
        out.println("OpenDPS is running.");
        out.println("  ID scope:            " + info.idScope());
        out.println("  Device endpoint:     " + info.deviceEndpoint());
        out.println("  Service endpoint:    " + info.serviceEndpoint());
        out.println("  Service connection:  " + info.serviceConnectionString());
        out.println("  CA certificate:      " + info.caCertificate());
        out.println("  MQTT port:           " + dps.mqttPort());
        out.println("  Connection info:     " + dps.connectionInfoFile());
        out.println("Press Ctrl-C to stop.");
        out.flush();
    }

    /** The message a user needs, without a stack: the deepest cause that says something. */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e;
        while ((message == null || message.isBlank()) && cause.getCause() != null) {
            cause = cause.getCause();
            message = cause.getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
