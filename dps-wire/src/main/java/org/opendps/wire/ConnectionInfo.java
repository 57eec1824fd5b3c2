package org.opendps.wire;

import java.util.List;

/**
 * Everything a user needs after {@code opendps serve} starts: what devices dial, what service clients log in
 * with, and the CA to trust. Written to {@code data/connection-info.json} and read back by the CLI.
 *
 * @param caCertificate the path of the CA certificate file
 */
public record ConnectionInfo(
        String idScope,
        String deviceEndpoint,
        String serviceEndpoint,
        String serviceConnectionString,
        String caCertificate,
        List<Hub> hubs) {

    public ConnectionInfo {
        hubs = hubs == null ? List.of() : List.copyOf(hubs);
    }

    /** A hub devices may be assigned to, and the connection string of its owner policy. */
    public record Hub(String hostName, String connectionString) {
        @Override
        public String toString() {
            return "Hub[" + hostName + "]"; // the connection string holds a key
        }
    }

    @Override
    public String toString() {
        return "ConnectionInfo[idScope=" + idScope + ", deviceEndpoint=" + deviceEndpoint + ", serviceEndpoint="
                + serviceEndpoint + ", caCertificate=" + caCertificate + ", hubs=" + hubs + "]";
    }
}
