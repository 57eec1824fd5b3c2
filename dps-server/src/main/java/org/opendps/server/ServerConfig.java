package org.opendps.server;

import java.util.Objects;
import org.opendps.server.limits.Limits;

/**
 * What the listeners need: where to bind, the TLS identity and the limits.
 *
 * @param httpsPort 0 picks a free port (tests)
 * @param eventLoops how many event-loop threads serve connections
 * @param workerThreads threads that run the blocking core and store code, sized to the database pool
 * @param limits what one client may take: sizes, timeouts, connections, room in the work queues
 */
public record ServerConfig(
        String bindAddress,
        int httpsPort,
        int mqttPort,
        TlsMaterial tls,
        int eventLoops,
        int workerThreads,
        int maxBodyBytes,
        Limits limits) {

    public static final int DEFAULT_MAX_BODY_BYTES = 256 * 1024;

    public ServerConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(limits, "limits");
        checkPort("httpsPort", httpsPort);
        checkPort("mqttPort", mqttPort);
        if (eventLoops < 1 || workerThreads < 1 || maxBodyBytes < 1024) {
            throw new IllegalArgumentException("eventLoops and workerThreads must be positive, maxBodyBytes >= 1024");
        }
    }

    /** With the default {@link Limits}. */
    public ServerConfig(String bindAddress, int httpsPort, int mqttPort, TlsMaterial tls, int eventLoops,
            int workerThreads, int maxBodyBytes) {
        this(bindAddress, httpsPort, mqttPort, tls, eventLoops, workerThreads, maxBodyBytes, Limits.DEFAULTS);
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " must be between 0 and 65535: " + port);
        }
    }

    /** The server's certificate chain and private key, PEM text. */
    public record TlsMaterial(String certificateChainPem, String privateKeyPem) {
        public TlsMaterial {
            Objects.requireNonNull(certificateChainPem, "certificateChainPem");
            Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        }

        @Override
        public String toString() {
            return "TlsMaterial[private key hidden]";
        }
    }
}
