package org.opendps.cli.connection;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the service API is and how to sign for it.
 *
 * @param endpoint the base URL, such as {@code https://localhost:8443}
 * @param hostName the connection string's HostName, which tokens are issued for ({@code host} or {@code host:port})
 * @param keyName the shared access policy
 * @param key the policy's key, base64; never printed
 * @param caCertificate a PEM (or DER) CA file to trust; null means the JDK's default trust store
 */
public record Connection(URI endpoint, String hostName, String keyName, String key, Path caCertificate) {
    public Connection {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "Connection[" + endpoint + ", " + hostName + ", " + keyName + ", ca=" + caCertificate + "]";
    }
}
