package org.opendps.cli.connection;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ConnectionInfoJson;
import org.opendps.wire.ServiceConnectionString;

/**
 * Finds the server to talk to. Flags win over the environment, and a connection string over connection info:
 * <ol>
 *   <li>{@code --connection-string}, or {@code --connection-info FILE} (not both);
 *   <li>{@code OPENDPS_CONNECTION_STRING}, then {@code OPENDPS_CONNECTION_INFO};
 *   <li>{@code $OPENDPS_DATA_DIR/connection-info.json}, then {@code data/connection-info.json}.
 * </ol>
 * A connection string's URL is {@code https://HostName} unless {@code --endpoint} says otherwise; connection info
 * brings the URL and the CA certificate to trust.
 */
public final class ConnectionResolver {
    public static final String ENV_CONNECTION_STRING = "OPENDPS_CONNECTION_STRING";
    public static final String ENV_CONNECTION_INFO = "OPENDPS_CONNECTION_INFO";
    public static final String ENV_DATA_DIR = "OPENDPS_DATA_DIR";
    public static final String CONNECTION_INFO_FILE = "connection-info.json";

    private final Map<String, String> env;
    private final Path workingDirectory;

    public ConnectionResolver(Map<String, String> env, Path workingDirectory) {
        this.env = Map.copyOf(env);
        this.workingDirectory = workingDirectory;
    }

    public static ConnectionResolver fromSystem() {
        return new ConnectionResolver(System.getenv(), Path.of("").toAbsolutePath());
    }

    public Connection resolve(ConnectionOptions options) {
        if (options.connectionString() != null && options.connectionInfo() != null) {
            throw new CliException(ExitCode.USAGE, "give --connection-string or --connection-info, not both");
        }
        if (options.connectionString() != null) {
            return fromConnectionString(options.connectionString(), "--connection-string", ExitCode.USAGE, options);
        }
        if (options.connectionInfo() != null) {
            return fromConnectionInfo(workingDirectory.resolve(options.connectionInfo()), "--connection-info", options);
        }
        String fromEnv = env(ENV_CONNECTION_STRING);
        if (fromEnv != null) {
            return fromConnectionString(fromEnv, ENV_CONNECTION_STRING, ExitCode.LOCAL, options);
        }
        String infoFromEnv = env(ENV_CONNECTION_INFO);
        if (infoFromEnv != null) {
            return fromConnectionInfo(workingDirectory.resolve(infoFromEnv), ENV_CONNECTION_INFO, options);
        }
        String dataDir = env(ENV_DATA_DIR);
        if (dataDir != null) {
            return fromConnectionInfo(workingDirectory.resolve(dataDir).resolve(CONNECTION_INFO_FILE),
                    ENV_DATA_DIR, options);
        }
        Path defaultFile = workingDirectory.resolve("data").resolve(CONNECTION_INFO_FILE);
        if (!Files.isRegularFile(defaultFile)) {
            throw CliException.local("no connection info: " + defaultFile + " does not exist. Run this where "
                    + "`opendps serve` keeps its data directory, or pass --connection-info FILE or "
                    + "--connection-string CS (env " + ENV_CONNECTION_INFO + ", " + ENV_CONNECTION_STRING + ")");
        }
        return fromConnectionInfo(defaultFile, "default", options);
    }

    /**
     * The connection info file that {@code given}, else the environment, else {@code data/} names, for commands
     * that need only its device side (ID scope, device endpoint, CA); null when none is named and the default does
     * not exist.
     */
    public Path findConnectionInfo(Path given) {
        if (given != null) {
            return workingDirectory.resolve(given);
        }
        String infoFromEnv = env(ENV_CONNECTION_INFO);
        if (infoFromEnv != null) {
            return workingDirectory.resolve(infoFromEnv);
        }
        String dataDir = env(ENV_DATA_DIR);
        if (dataDir != null) {
            return workingDirectory.resolve(dataDir).resolve(CONNECTION_INFO_FILE);
        }
        Path defaultFile = workingDirectory.resolve("data").resolve(CONNECTION_INFO_FILE);
        return Files.isRegularFile(defaultFile) ? defaultFile : null;
    }

    private Connection fromConnectionString(String text, String source, ExitCode invalid, ConnectionOptions options) {
        ServiceConnectionString parsed = parse(text, source, invalid);
        URI endpoint = options.endpoint() != null ? givenEndpoint(options)
                : endpoint("https://" + parsed.hostName(), source, invalid);
        Path ca = options.caCertificate() == null ? null : workingDirectory.resolve(options.caCertificate());
        return new Connection(endpoint, parsed.hostName(), parsed.keyName(), parsed.key(), ca);
    }

    private Connection fromConnectionInfo(Path file, String source, ConnectionOptions options) {
        if (!Files.isRegularFile(file)) {
            throw CliException.local("connection info " + file + " does not exist (from " + source + ")");
        }
        ConnectionInfo info;
        try {
            info = ConnectionInfoJson.read(file);
        } catch (RuntimeException e) {
            throw CliException.local("cannot read connection info: " + e.getMessage());
        }
        if (isBlank(info.serviceConnectionString())) {
            throw CliException.local("connection info " + file + " has no serviceConnectionString");
        }
        ServiceConnectionString parsed = parse(info.serviceConnectionString(), file.toString(), ExitCode.LOCAL);
        URI endpoint = options.endpoint() != null ? givenEndpoint(options)
                : endpoint(isBlank(info.serviceEndpoint()) ? "https://" + parsed.hostName() : info.serviceEndpoint(),
                        file.toString(), ExitCode.LOCAL);
        Path ca = options.caCertificate() != null ? workingDirectory.resolve(options.caCertificate())
                : isBlank(info.caCertificate()) ? null
                : file.toAbsolutePath().getParent().resolve(info.caCertificate());
        return new Connection(endpoint, parsed.hostName(), parsed.keyName(), parsed.key(), ca);
    }

    /** The parse error never repeats the text: it holds the key. */
    private static ServiceConnectionString parse(String text, String source, ExitCode invalid) {
        try {
            return ServiceConnectionString.parse(text);
        } catch (RuntimeException e) {
            throw new CliException(invalid, "the connection string from " + source + " is not valid: expected "
                    + "HostName=...;SharedAccessKeyName=...;SharedAccessKey=...");
        }
    }

    private static URI givenEndpoint(ConnectionOptions options) {
        return endpoint(options.endpoint().toString(), "--endpoint", ExitCode.USAGE);
    }

    private static URI endpoint(String text, String source, ExitCode invalid) {
        try {
            URI uri = URI.create(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new CliException(invalid, "the service endpoint from " + source + " is not an https URL: " + text);
        }
    }

    private String env(String name) {
        String value = env.get(name);
        return isBlank(value) ? null : value.trim();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
