package org.opendps.cli.connection;

import java.net.URI;
import java.nio.file.Path;

/** The connection options as given on the command line; any may be null. */
public record ConnectionOptions(Path connectionInfo, String connectionString, URI endpoint, Path caCertificate) {
    public static final ConnectionOptions NONE = new ConnectionOptions(null, null, null, null);

    @Override
    public String toString() {
        return "ConnectionOptions[" + connectionInfo + ", connectionString=" + (connectionString == null ? "no" : "yes")
                + ", " + endpoint + ", " + caCertificate + "]";
    }
}
