package org.opendps.server.mqtt;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.opendps.server.mqtt.engine.MqttConnector;
import org.opendps.server.mqtt.engine.MqttServerConnection;
import org.opendps.server.mqtt.engine.MqttTransport;

/**
 * MQTT over WebSocket on the HTTPS listener, for devices that can only reach port 443. Any path is taken (the hub
 * SDKs and Node's DPS client use {@code /$iothub/websocket}, Java's DPS client Paho's default {@code /mqtt}); the
 * subprotocol must be {@code mqtt}, and the reply names it, which Paho requires. Who the device is, DPS or hub, is
 * decided by its CONNECT, as on the MQTT port.
 */
public final class MqttWebSockets {
    private static final String SUBPROTOCOL = "mqtt";

    private final Vertx vertx;
    private final MqttConnector connector;
    private final Duration connectTimeout;

    public MqttWebSockets(Vertx vertx, MqttConnector connector) {
        this(vertx, connector, MqttServerConnection.DEFAULT_CONNECT_TIMEOUT);
    }

    /** @param connectTimeout how soon after the upgrade the client must send CONNECT */
    public MqttWebSockets(Vertx vertx, MqttConnector connector, Duration connectTimeout) {
        this.vertx = vertx;
        this.connector = connector;
        this.connectTimeout = connectTimeout;
    }

    /** Offers the subprotocol, and frames as large as the largest packet the MQTT port takes. */
    public HttpServerOptions configure(HttpServerOptions options) {
        int frame = MqttVerticle.MAX_PACKET_BYTES + 1024;
        return options.setWebSocketSubProtocols(List.of(SUBPROTOCOL)).setMaxWebSocketFrameSize(frame)
                .setMaxWebSocketMessageSize(frame);
    }

    /** Upgrades that do not ask for MQTT are refused (400). */
    public void handshake(ServerWebSocketHandshake handshake) {
        String offered = handshake.headers().get("Sec-WebSocket-Protocol");
        boolean mqtt = offered != null && Arrays.stream(offered.split(","))
                .anyMatch(p -> p.trim().equalsIgnoreCase(SUBPROTOCOL));
        if (mqtt) {
            handshake.accept();
        } else {
            handshake.reject(400);
        }
    }

    public void connected(ServerWebSocket socket) {
        MqttServerConnection.serve(vertx, MqttTransport.of(socket), connector, MqttVerticle.MAX_PACKET_BYTES,
                connectTimeout);
    }
}
