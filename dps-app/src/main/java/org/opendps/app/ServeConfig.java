package org.opendps.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.opendps.core.validation.Identifiers;

/**
 * Everything {@code opendps serve} is told, validated as a whole so that a user sees every mistake at once.
 *
 * @param hostNames as given; the first is advertised, all are put in the server certificate
 * @param databaseUrl null means the SQLite file in the data directory
 * @param location where this node runs (e.g. an Azure region name); hubs linked with the same location count as
 *     nearest under lowest-latency allocation; empty when unknown
 * @param limits flood protection of the registration path
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
        RegistrationLimits limits) {

    public static final int DEFAULT_HTTPS_PORT = 8443;
    public static final int DEFAULT_MQTT_PORT = 8883;
    private static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    public ServeConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        hostNames = List.copyOf(hostNames);
        List<String> problems = problems(httpsPort, mqttPort, bindAddress, hostNames, databaseUrl, logLevel);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        location = location == null ? "" : location.trim();
        limits = limits == null ? RegistrationLimits.DEFAULTS : limits;
    }

    /**
     * Registrations per second for the instance (bursts of twice that pass) and per registration ID per minute
     * (bursts of that many pass). Generous on purpose: they stop floods, not fleets.
     */
    public record RegistrationLimits(int perSecond, int perDevicePerMinute) {
        public static final RegistrationLimits DEFAULTS = new RegistrationLimits(5000, 120);

        public RegistrationLimits {
            if (perSecond < 1 || perDevicePerMinute < 1) {
                throw new IllegalArgumentException("registration limits must be at least 1");
            }
        }
    }

    /** Defaults everywhere: what a newcomer's {@code ./opendps serve} runs with. */
    public static ServeConfig defaults(Path dataDir) {
        return new ServeConfig(dataDir, DEFAULT_HTTPS_PORT, DEFAULT_MQTT_PORT, "0.0.0.0", List.of(), null, "INFO", "",
                RegistrationLimits.DEFAULTS);
    }

    /** The name devices and clients are told to use. */
    public String advertisedHost() {
        return hostNames.isEmpty() ? "localhost" : hostNames.get(0);
    }

    /** Names the server certificate covers and service tokens may be issued for. */
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
            try {
                Identifiers.hostName("--host-name", host);
            } catch (RuntimeException e) {
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
