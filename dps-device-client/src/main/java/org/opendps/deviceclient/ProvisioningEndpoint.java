package org.opendps.deviceclient;

import java.util.List;
import java.util.Objects;

/**
 * Where a device dials, and the CA certificates it trusts there.
 *
 * @param trustedCertificates empty for the JDK's default trust store
 */
public record ProvisioningEndpoint(String host, int port, List<java.security.cert.X509Certificate> trustedCertificates) {
    public ProvisioningEndpoint {
        Objects.requireNonNull(host, "host");
        if (host.isBlank() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("not a host and port: " + host + ":" + port);
        }
        trustedCertificates = List.copyOf(trustedCertificates);
    }

    /**
     * {@code host}, {@code host:port} or {@code [v6]:port}; the default port when none is given.
     *
     * @throws IllegalArgumentException when the text is not of that form
     */
    public static ProvisioningEndpoint parse(String hostAndPort, int defaultPort,
            List<java.security.cert.X509Certificate> trusted) {
        String text = hostAndPort.strip();
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (colon < 0 || (bracketed && colon < text.indexOf(']')) || (!bracketed && text.indexOf(':') != colon)) {
            return new ProvisioningEndpoint(unbracket(text), defaultPort, trusted);
        }
        try {
            return new ProvisioningEndpoint(unbracket(text.substring(0, colon)),
                    Integer.parseInt(text.substring(colon + 1)), trusted);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port number in " + hostAndPort);
        }
    }

    private static String unbracket(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** For URLs: IPv6 literals in brackets. */
    public String authority() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
