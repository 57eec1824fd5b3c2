package org.opendps.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.opendps.core.provisioning.OperationSweeper;
import org.opendps.core.provisioning.ProvisioningService;
import org.opendps.core.validation.Identifiers;
import org.opendps.server.limits.Limits;
import org.opendps.store.jdbc.JdbcStorage;

/**
 * Everything {@code opendps serve} is told, validated as a whole so that a user sees every mistake at once.
 *
 * @param hostNames as given; the first is advertised, all are put in the server certificate
 * @param databaseUrl null means the SQLite file in the data directory
 * @param location where this node runs (e.g. an Azure region name); hubs linked with the same location count as
 *     nearest under lowest-latency allocation; empty when unknown
 * @param limits flood protection of the registration path
 * @param extraHubs host names of built-in hubs beyond the default one (named after the advertised host)
 * @param metrics whether {@code GET /metrics} is served; off unless asked for, since it needs no token
 * @param listenerLimits what one client may take from the listeners: sizes, timeouts, connections, queues
 * @param operationRetention how long a registration operation is kept after its last update, for devices polling
 *     it; at least {@link OperationSweeper#MINIMUM_RETENTION}
 * @param databasePoolSize connections this node keeps to the database; null for {@link
 *     JdbcStorage#DEFAULT_POOL_SIZE}. Nodes sharing a PostgreSQL server share its {@code max_connections}.
 */
public record ServeConfig(
        Path dataDir,
        int httpsPort,
        int mqttPort,
        String bindAddress,
        List<String> hostNames,
        String databaseUrl,
        String logLevel,
        String location,
        RegistrationLimits limits,
        List<String> extraHubs,
        boolean metrics,
        Limits listenerLimits,
        Duration operationRetention,
        Integer databasePoolSize) {

    public static final int DEFAULT_HTTPS_PORT = 8443;
    public static final int DEFAULT_MQTT_PORT = 8883;
    /** More connections than any worker pool here can use at once. */
    public static final int MAX_DATABASE_POOL_SIZE = 200;
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public ServeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        hostNames = List.copyOf(hostNames);
        extraHubs = extraHubs == null ? List.of() : List.copyOf(extraHubs);
        List<String> problems = problems(httpsPort, mqttPort, bindAddress, hostNames, databaseUrl, logLevel);
        for (String hub : extraHubs) {
            if (!isHostName(hub)) {
                problems.add("--hub '" + hub + "' is not a DNS name or IP address");
            }
        }
        if (operationRetention != null && operationRetention.compareTo(OperationSweeper.MINIMUM_RETENTION) < 0) {
            problems.add("--operation-retention must be at least " + OperationRetention.format(
                    OperationSweeper.MINIMUM_RETENTION) + ", not " + OperationRetention.format(operationRetention));
        }
        if (databasePoolSize != null && (databasePoolSize < 1 || databasePoolSize > MAX_DATABASE_POOL_SIZE)) {
            problems.add("--database-pool-size must be from 1 to " + MAX_DATABASE_POOL_SIZE + ", not "
                    + databasePoolSize);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        location = location == null ? "" : location.trim();
        limits = limits == null ? RegistrationLimits.DEFAULTS : limits;
        listenerLimits = listenerLimits == null ? Limits.DEFAULTS : listenerLimits;
        operationRetention = operationRetention == null ? OperationSweeper.DEFAULT_RETENTION : operationRetention;
        databasePoolSize = databasePoolSize == null ? JdbcStorage.DEFAULT_POOL_SIZE : databasePoolSize;
    }

    /** As the canonical constructor, with the default listener limits and operation retention. */
    public ServeConfig(Path dataDir, int httpsPort, int mqttPort, String bindAddress, List<String> hostNames,
            String databaseUrl, String logLevel, String location, RegistrationLimits limits, List<String> extraHubs,
            boolean metrics) {
        this(dataDir, httpsPort, mqttPort, bindAddress, hostNames, databaseUrl, logLevel, location, limits, extraHubs,
                metrics, Limits.DEFAULTS, null, null);
    }

    /**
     * Registrations per second for the instance (bursts of twice that pass) and per registration ID per minute
     * (bursts of that many pass). Generous on purpose: they stop floods, not fleets.
     */
    public record RegistrationLimits(int perSecond, int perDevicePerMinute, int maxPendingAssignments) {
        public static final RegistrationLimits DEFAULTS = new RegistrationLimits(5000, 120);

        public RegistrationLimits {
            if (perSecond < 1 || perDevicePerMinute < 1 || maxPendingAssignments < 1) {
                throw new IllegalArgumentException("registration limits must be at least 1");
            }
        }

        public RegistrationLimits(int perSecond, int perDevicePerMinute) {
            this(perSecond, perDevicePerMinute, ProvisioningService.Settings.DEFAULT_MAX_PENDING_ASSIGNMENTS);
        }
    }

    /** Defaults everywhere: what a newcomer's {@code ./opendps serve} runs with. */
    public static ServeConfig defaults(Path dataDir) {
        return new ServeConfig(dataDir, DEFAULT_HTTPS_PORT, DEFAULT_MQTT_PORT, "0.0.0.0", List.of(), null, "INFO", "",
                RegistrationLimits.DEFAULTS, List.of(), false, Limits.DEFAULTS, null, null);
    }

    /** The same configuration listening on other ports (0 picks free ones). */
    public ServeConfig withPorts(int https, int mqtt) {
        return new ServeConfig(dataDir, https, mqtt, bindAddress, hostNames, databaseUrl, logLevel, location, limits,
                extraHubs, metrics, listenerLimits, operationRetention, databasePoolSize);
    }

    public ServeConfig withBind(String address) {
        return new ServeConfig(dataDir, httpsPort, mqttPort, address, hostNames, databaseUrl, logLevel, location, limits,
                extraHubs, metrics, listenerLimits, operationRetention, databasePoolSize);
    }

    public ServeConfig withDatabaseUrl(String url) {
        return new ServeConfig(dataDir, httpsPort, mqttPort, bindAddress, hostNames, url, logLevel, location, limits,
                extraHubs, metrics, listenerLimits, operationRetention, databasePoolSize);
    }

    public ServeConfig withLimits(RegistrationLimits newLimits) {
        return new ServeConfig(dataDir, httpsPort, mqttPort, bindAddress, hostNames, databaseUrl, logLevel, location,
                newLimits, extraHubs, metrics, listenerLimits, operationRetention, databasePoolSize);
    }

    public ServeConfig withExtraHubs(List<String> hubs) {
        return new ServeConfig(dataDir, httpsPort, mqttPort, bindAddress, hostNames, databaseUrl, logLevel, location,
                limits, hubs, metrics, listenerLimits, operationRetention, databasePoolSize);
    }

    /** The same configuration with {@code GET /metrics} served ({@code true}) or not. */
    public ServeConfig withMetrics(boolean serveMetrics) {
        return new ServeConfig(dataDir, httpsPort, mqttPort, bindAddress, hostNames, databaseUrl, logLevel, location,
                limits, extraHubs, serveMetrics, listenerLimits, operationRetention, databasePoolSize);
    }

    /** The same configuration with other limits on what one client may take from the listeners. */
    public ServeConfig withListenerLimits(Limits newLimits) {
        return new ServeConfig(dataDir, httpsPort, mqttPort, bindAddress, hostNames, databaseUrl, logLevel, location,
                limits, extraHubs, metrics, newLimits, operationRetention, databasePoolSize);
    }

    /** The same configuration keeping registration operations for another time after their last update. */
    public ServeConfig withOperationRetention(Duration retention) {
        return new ServeConfig(dataDir, httpsPort, mqttPort, bindAddress, hostNames, databaseUrl, logLevel, location,
                limits, extraHubs, metrics, listenerLimits, retention, databasePoolSize);
    }

    /** The same configuration keeping another number of connections to the database. */
    public ServeConfig withDatabasePoolSize(int size) {
        return new ServeConfig(dataDir, httpsPort, mqttPort, bindAddress, hostNames, databaseUrl, logLevel, location,
                limits, extraHubs, metrics, listenerLimits, operationRetention, size);
    }

    /** The name devices and clients are told to use. */
    public String advertisedHost() {
        return hostNames.isEmpty() ? "localhost" : hostNames.get(0);
    }

    /** The built-in hubs: the default one, named after the advertised host, then every {@code --hub}. */
    public Set<String> hubHostNames() {
        Set<String> hubs = new LinkedHashSet<>();
        hubs.add(advertisedHost().toLowerCase(Locale.ROOT));
        extraHubs.forEach(h -> hubs.add(h.toLowerCase(Locale.ROOT)));
        return hubs;
    }

    /** Every name the server certificate must cover: the service's and the hubs'. */
    public Set<String> certificateNames() {
        Set<String> names = new LinkedHashSet<>(allHostNames());
        names.addAll(hubHostNames());
        return names;
    }

    /** Names the DPS service API's tokens may be issued for. */
    public Set<String> allHostNames() {
        Set<String> all = new LinkedHashSet<>();
        all.add("localhost");
        all.add("127.0.0.1");
        hostNames.forEach(h -> all.add(h.toLowerCase(Locale.ROOT)));
        return all;
    }

    public String effectiveDatabaseUrl() {
        return databaseUrl != null ? databaseUrl : "jdbc:sqlite:" + dataDir.resolve("opendps.db");
    }

    private static boolean isHostName(String host) {
        try {
            Identifiers.hostName("host", host);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<String> problems(int httpsPort, int mqttPort, String bind, List<String> hostNames,
            String databaseUrl, String logLevel) {
        List<String> problems = new ArrayList<>();
        if (httpsPort < 0 || httpsPort > 65535) {
            problems.add("--https-port must be between 0 and 65535, not " + httpsPort);
        }
        if (mqttPort < 0 || mqttPort > 65535) {
            problems.add("--mqtt-port must be between 0 and 65535, not " + mqttPort);
        }
        if (httpsPort != 0 && httpsPort == mqttPort) {
            problems.add("--https-port and --mqtt-port must differ");
        }
        if (bind == null || bind.isBlank()) {
            problems.add("--bind must be an address, e.g. 0.0.0.0 or 127.0.0.1");
        }
        for (String host : hostNames) {
            if (!isHostName(host)) {
                problems.add("--host-name '" + host + "' is not a DNS name or IP address");
            }
        }
        if (databaseUrl != null && !databaseUrl.startsWith("jdbc:sqlite:")
                && !databaseUrl.startsWith("jdbc:postgresql:")) {
            problems.add("--database-url must start with jdbc:sqlite: or jdbc:postgresql:");
        }
        if (logLevel == null || !LOG_LEVELS.contains(logLevel.toUpperCase(Locale.ROOT))) {
            problems.add("--log-level must be one of " + new java.util.TreeSet<>(LOG_LEVELS));
        }
        return problems;
    }
}
