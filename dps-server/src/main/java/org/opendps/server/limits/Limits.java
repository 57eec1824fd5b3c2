package org.opendps.server.limits;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one client may take from the listeners: sizes, time, connections and room in the work queues. The defaults
 * stop a misbehaving client, not a fleet: hundreds of registrations per second from many devices, or from a few
 * addresses behind NAT, stay well inside them.
 *
 * @param maxHeaderBytes all request headers of one HTTP request together; more is answered 431
 * @param maxUriBytes the HTTP request line; longer is answered 414
 * @param tlsHandshakeTimeout a TLS handshake (HTTPS and MQTT) not done by then is dropped
 * @param idleTimeout a kept-alive HTTPS connection must bring its next whole request this soon after the previous
 *     answer went out, else it is closed
 * @param requestTimeout the first request of an HTTPS connection (line, headers and body) must have arrived this
 *     soon after the handshake: a client that trickles its headers byte by byte (slowloris) is cut off; a
 *     WebSocket upgrade ends both clocks (MQTT's keep-alive takes over)
 * @param mqttConnectTimeout an MQTT client must send CONNECT this soon after its transport is up
 * @param connectionsPerAddress open connections of one remote address on each listener; 0 for no cap
 * @param deviceQueue device requests (HTTPS and MQTT) waiting for or holding a worker thread; more get 429
 * @param serviceQueue the same for the service API and the built-in hubs' service API
 * @param queueWait a request that waited this long for a worker thread is refused rather than run late
 * @param retryAfterSeconds what a request refused for a full queue is told
 */
public record Limits(
        int maxHeaderBytes,
        int maxUriBytes,
        Duration tlsHandshakeTimeout,
        Duration idleTimeout,
        Duration requestTimeout,
        Duration mqttConnectTimeout,
        int connectionsPerAddress,
        int deviceQueue,
        int serviceQueue,
        Duration queueWait,
        int retryAfterSeconds) {

    public static final Limits DEFAULTS = new Limits(16 * 1024, 4096, Duration.ofSeconds(10),
            Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(10), 1000, 2000, 200, Duration.ofSeconds(5), 1);

    public Limits {
        Objects.requireNonNull(tlsHandshakeTimeout, "tlsHandshakeTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(mqttConnectTimeout, "mqttConnectTimeout");
        Objects.requireNonNull(queueWait, "queueWait");
        List<String> problems = new ArrayList<>();
        if (maxHeaderBytes < 1024) {
            problems.add("the header limit must be at least 1024 bytes, not " + maxHeaderBytes);
        }
        if (maxUriBytes < 256) {
            problems.add("the URI limit must be at least 256 bytes, not " + maxUriBytes);
        }
        for (Duration timeout : List.of(tlsHandshakeTimeout, idleTimeout, requestTimeout, mqttConnectTimeout,
                queueWait)) {
            if (timeout.toMillis() < 1) {
                problems.add("timeouts must be positive, not " + timeout);
            }
        }
        if (connectionsPerAddress < 0) {
            problems.add("the connections per address must be 0 (no cap) or more, not " + connectionsPerAddress);
        }
        if (deviceQueue < 1 || serviceQueue < 1 || retryAfterSeconds < 1) {
            problems.add("queue sizes and Retry-After must be at least 1");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    public Limits withTimeouts(Duration handshake, Duration idle, Duration requestHeaders, Duration mqttConnect) {
        return new Limits(maxHeaderBytes, maxUriBytes, handshake, idle, requestHeaders, mqttConnect,
                connectionsPerAddress, deviceQueue, serviceQueue, queueWait, retryAfterSeconds);
    }

    public Limits withConnectionsPerAddress(int connections) {
        return new Limits(maxHeaderBytes, maxUriBytes, tlsHandshakeTimeout, idleTimeout, requestTimeout,
                mqttConnectTimeout, connections, deviceQueue, serviceQueue, queueWait, retryAfterSeconds);
    }

    public Limits withQueues(int device, int service, Duration wait) {
        return new Limits(maxHeaderBytes, maxUriBytes, tlsHandshakeTimeout, idleTimeout, requestTimeout,
                mqttConnectTimeout, connectionsPerAddress, device, service, wait, retryAfterSeconds);
    }

    public Limits withSizes(int headerBytes, int uriBytes) {
        return new Limits(headerBytes, uriBytes, tlsHandshakeTimeout, idleTimeout, requestTimeout,
                mqttConnectTimeout, connectionsPerAddress, deviceQueue, serviceQueue, queueWait, retryAfterSeconds);
    }
}
