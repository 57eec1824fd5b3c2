package org.opendps.cli.hub;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.connection.Connection;
import org.opendps.cli.connection.ConnectionOptions;
import org.opendps.cli.connection.ConnectionResolver;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ConnectionInfoJson;
import org.opendps.wire.ServiceConnectionString;

/**
 * How to reach a built-in hub's service API: with the hub's own connection string (connection-info.json's
 * {@code hubs}, or {@code --connection-string}), at {@code https://{hub}:{port}} so that the JDK's client sends
 * {@code Host: {hub}}, which is how the server tells its hubs apart. The port is the server's, from the connection
 * info's serviceEndpoint. The DPS's own connection string ({@code OPENDPS_CONNECTION_STRING}) is not a hub's, so
 * it is never used here.
 */
final class HubConnections {
    private final Map<String, String> env;
    private final Path workingDirectory;

    HubConnections(Map<String, String> env, Path workingDirectory) {
        this.env = Map.copyOf(env);
        this.workingDirectory = workingDirectory;
    }

    static HubConnections fromSystem() {
        return new HubConnections(System.getenv(), Path.of("").toAbsolutePath());
    }

    Connection resolve(ConnectionOptions options, String hubName) {
        String hub = hubName.trim().toLowerCase(Locale.ROOT);
        Path infoFile = infoFile(options);
        if (options.connectionInfo() != null && !Files.isRegularFile(infoFile)) {
            throw CliException.local("connection info " + infoFile + " does not exist (from --connection-info)");
        }
        ConnectionInfo info = Files.isRegularFile(infoFile) ? read(infoFile) : null;
        ServiceConnectionString policy;
        if (options.connectionString() != null) {
            policy = parse(options.connectionString(), "--connection-string", ExitCode.USAGE);
            if (!host(policy.hostName()).equals(hub)) {
                throw CliException.usage("the connection string is for " + host(policy.hostName()) + ", not " + hub);
            }
        } else if (info == null) {
            throw CliException.local("no connection info: " + infoFile + " does not exist; pass "
                    + "--connection-info FILE or the hub's --connection-string CS");
        } else {
            ConnectionInfo.Hub listed = info.hubs().stream()
                    .filter(h -> h.hostName() != null && h.hostName().equalsIgnoreCase(hub)).findFirst()
                    .orElseThrow(() -> CliException.local("connection info " + infoFile + " lists no hub named "
                            + hub + "; pass the hub's --connection-string CS"));
            policy = parse(listed.connectionString(), infoFile.toString(), ExitCode.LOCAL);
        }
        Path ca = options.caCertificate() != null ? workingDirectory.resolve(options.caCertificate())
                : info == null || isBlank(info.caCertificate()) ? null
                : infoFile.toAbsolutePath().getParent().resolve(info.caCertificate());
        return new Connection(endpoint(options, policy, info, hub), hub, policy.keyName(), policy.key(), ca);
    }

    /** --endpoint as given; else the hub at the connection string's port, the server's, or HTTPS's default. */
    private static URI endpoint(ConnectionOptions options, ServiceConnectionString policy, ConnectionInfo info,
            String hub) {
        if (options.endpoint() != null) {
            return options.endpoint();
        }
        int colon = policy.hostName().lastIndexOf(':');
        String port = colon > 0 ? policy.hostName().substring(colon + 1) : null;
        if (port == null && info != null && !isBlank(info.serviceEndpoint())) {
            try {
                int serverPort = URI.create(info.serviceEndpoint()).getPort();
                port = serverPort > 0 ? String.valueOf(serverPort) : null;
            } catch (IllegalArgumentException e) {
                throw CliException.local("the connection info's serviceEndpoint is not a URL");
            }
        }
        try {
            return URI.create("https://" + hub + (port == null ? "" : ":" + port));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("'" + hub + "' is not a host name");
        }
    }

    /** As {@link ConnectionResolver} looks: the flag, then the environment, then data/connection-info.json. */
    private Path infoFile(ConnectionOptions options) {
        if (options.connectionInfo() != null) {
            return workingDirectory.resolve(options.connectionInfo());
        }
        String fromEnv = env(ConnectionResolver.ENV_CONNECTION_INFO);
        if (fromEnv != null) {
            return workingDirectory.resolve(fromEnv);
        }
        String dataDir = env(ConnectionResolver.ENV_DATA_DIR);
        Path dir = dataDir != null ? workingDirectory.resolve(dataDir) : workingDirectory.resolve("data");
        return dir.resolve(ConnectionResolver.CONNECTION_INFO_FILE);
    }

    private static ConnectionInfo read(Path file) {
        try {
            return ConnectionInfoJson.read(file);
        } catch (RuntimeException e) {
            throw CliException.local("cannot read connection info " + file + ": " + e.getMessage());
        }
    }

    /** The parse error never repeats the text: it holds the key. */
    private static ServiceConnectionString parse(String text, String source, ExitCode invalid) {
        try {
            return ServiceConnectionString.parse(text);
        } catch (RuntimeException e) {
            throw new CliException(invalid, "the hub connection string from " + source + " is not valid: expected "
                    + "HostName=...;SharedAccessKeyName=...;SharedAccessKey=...");
        }
    }

    private static String host(String hostName) {
        int colon = hostName.lastIndexOf(':');
        return (colon > 0 ? hostName.substring(0, colon) : hostName).toLowerCase(Locale.ROOT);
    }

    private String env(String name) {
        String value = env.get(name);
        return isBlank(value) ? null : value.trim();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
