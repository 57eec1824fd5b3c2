package org.opendps.app;

import java.time.Duration;
import org.opendps.server.limits.Limits;
import picocli.CommandLine.Option;

/** The options of {@code serve} that bound what one client may take from the listeners ({@link Limits}). */
final class ListenerLimitOptions {
    @Option(names = "--max-header-bytes", defaultValue = "${env:OPENDPS_MAX_HEADER_BYTES:-16384}",
            description = "All headers of one HTTP request; larger is answered 431 (OPENDPS_MAX_HEADER_BYTES; "
                    + "default: ${DEFAULT-VALUE}).")
    private int maxHeaderBytes;

    @Option(names = "--max-uri-bytes", defaultValue = "${env:OPENDPS_MAX_URI_BYTES:-4096}",
            description = "The HTTP request line; longer is answered 414 (OPENDPS_MAX_URI_BYTES; default: "
                    + "${DEFAULT-VALUE}).")
    private int maxUriBytes;

    @Option(names = "--tls-handshake-timeout", defaultValue = "${env:OPENDPS_TLS_HANDSHAKE_TIMEOUT:-10}",
            description = "Seconds a TLS handshake may take, HTTPS and MQTT (OPENDPS_TLS_HANDSHAKE_TIMEOUT; default: "
                    + "${DEFAULT-VALUE}).")
    private int tlsHandshakeSeconds;

    @Option(names = "--request-timeout", defaultValue = "${env:OPENDPS_REQUEST_TIMEOUT:-10}",
            description = "Seconds after the handshake by which the first HTTP request must have arrived whole; "
                    + "stops clients that trickle headers (OPENDPS_REQUEST_TIMEOUT; default: ${DEFAULT-VALUE}).")
    private int requestSeconds;

    @Option(names = "--idle-timeout", defaultValue = "${env:OPENDPS_IDLE_TIMEOUT:-60}",
            description = "Seconds a kept-alive HTTPS connection may wait for its next request (OPENDPS_IDLE_TIMEOUT; "
                    + "default: ${DEFAULT-VALUE}).")
    private int idleSeconds;

    @Option(names = "--mqtt-connect-timeout", defaultValue = "${env:OPENDPS_MQTT_CONNECT_TIMEOUT:-10}",
            description = "Seconds an MQTT client has to send CONNECT (OPENDPS_MQTT_CONNECT_TIMEOUT; default: "
                    + "${DEFAULT-VALUE}).")
    private int mqttConnectSeconds;

    @Option(names = "--connections-per-address",
            defaultValue = "${env:OPENDPS_CONNECTIONS_PER_ADDRESS:-1000}",
            description = "Open connections one remote address may hold on each port; 0 for no cap "
                    + "(OPENDPS_CONNECTIONS_PER_ADDRESS; default: ${DEFAULT-VALUE}).")
    private int connectionsPerAddress;

    @Option(names = "--device-queue", defaultValue = "${env:OPENDPS_DEVICE_QUEUE:-2000}",
            description = "Device requests waiting for or holding a worker; more get 429 with Retry-After "
                    + "(OPENDPS_DEVICE_QUEUE; default: ${DEFAULT-VALUE}).")
    private int deviceQueue;

    @Option(names = "--service-queue", defaultValue = "${env:OPENDPS_SERVICE_QUEUE:-200}",
            description = "Service API requests waiting for or holding a worker; more get 429 with Retry-After "
                    + "(OPENDPS_SERVICE_QUEUE; default: ${DEFAULT-VALUE}).")
    private int serviceQueue;

    @Option(names = "--queue-wait", defaultValue = "${env:OPENDPS_QUEUE_WAIT:-5}",
            description = "Seconds a request may wait for a worker before it is answered 429 instead "
                    + "(OPENDPS_QUEUE_WAIT; default: ${DEFAULT-VALUE}).")
    private int queueWaitSeconds;

    /** @throws IllegalArgumentException naming every value out of range */
    Limits limits() {
        return new Limits(maxHeaderBytes, maxUriBytes, seconds(tlsHandshakeSeconds), seconds(idleSeconds),
                seconds(requestSeconds), seconds(mqttConnectSeconds), connectionsPerAddress, deviceQueue,
                serviceQueue, seconds(queueWaitSeconds), Limits.DEFAULTS.retryAfterSeconds());
    }

    private static Duration seconds(int value) {
        return Duration.ofSeconds(value);
    }
}
