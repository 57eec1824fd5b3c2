package org.opendps.cli.connection;

import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How an online command finds the server: connection info written by {@code opendps serve}, or a connection string. */
public final class ConnectionMixin {
    @Option(names = "--connection-info", order = 80, paramLabel = "FILE",
            description = "connection-info.json written by `opendps serve` (env OPENDPS_CONNECTION_INFO; default: "
                    + "$OPENDPS_DATA_DIR/connection-info.json, else data/connection-info.json).")
    private Path connectionInfo;

    @Option(names = "--connection-string", order = 81, paramLabel = "CS",
            description = "HostName=HOST[:PORT];SharedAccessKeyName=POLICY;SharedAccessKey=KEY of another server "
                    + "(env OPENDPS_CONNECTION_STRING, which keeps the key out of the process list).")
    private String connectionString;

    @Option(names = "--endpoint", order = 82, paramLabel = "URL",
            description = "Service API base URL; default: the connection info's serviceEndpoint, or https://HostName.")
    private URI endpoint;

    @Option(names = "--ca-certificate", order = 83, paramLabel = "FILE",
            description = "PEM CA certificate to trust; default: the connection info's caCertificate, or, with "
                    + "--connection-string, the JDK's trust store.")
    private Path caCertificate;

    public ConnectionOptions options() {
        return new ConnectionOptions(connectionInfo, connectionString, endpoint, caCertificate);
    }

    /** The connection these options (and the environment) name; a {@code CliException} when they name none. */
    public Connection resolve() {
        return ConnectionResolver.fromSystem().resolve(options());
    }
}
