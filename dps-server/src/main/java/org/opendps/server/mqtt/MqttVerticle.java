package org.opendps.server.mqtt;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import java.util.concurrent.TimeUnit;
import org.opendps.server.ServerConfig;
import org.opendps.server.limits.ConnectionsPerAddress;
import org.opendps.server.limits.Limits;
import org.opendps.server.mqtt.engine.MqttConnector;
import org.opendps.server.mqtt.engine.MqttServerConnection;
import org.opendps.server.mqtt.engine.MqttTransport;
import org.opendps.server.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT-over-TLS listener: each connection runs the MQTT engine, and the connector decides who it is. The
 * HTTPS listener runs the same engine over WebSocket ({@link MqttWebSockets}). One address may hold only so many
 * connections ({@link Limits#connectionsPerAddress()}), and a TLS handshake or CONNECT that does not come in time
 * closes the socket.
 */
public final class MqttVerticle extends VerticleBase {
    private static final Logger LOG = LoggerFactory.getLogger(MqttVerticle.class);
    /** A 256 KB device-to-cloud message plus its topic and property bag. */
    public static final int MAX_PACKET_BYTES = 256 * 1024 + 16 * 1024;

    private final ServerConfig config;
    private final MqttConnector connector;
    private NetServer server;

    public MqttVerticle(ServerConfig config, MqttConnector connector) {
        this.config = config;
        this.connector = connector;
    }

    @Override
    public Future<?> start() {
        Limits limits = config.limits();
        NetServerOptions options = ServerTls.apply(new NetServerOptions(), config.tls())
                .setHost(config.bindAddress()).setPort(config.mqttPort())
                .setSslHandshakeTimeout(limits.tlsHandshakeTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        ConnectionsPerAddress perAddress = new ConnectionsPerAddress(limits.connectionsPerAddress());
        server = vertx.createNetServer(options).connectHandler(socket -> {
            String host = socket.remoteAddress().hostAddress();
            if (!perAddress.tryOpen(host)) {
                LOG.debug("Closing an MQTT connection from {}: it has too many open", host);
                socket.close();
                return;
            }
            MqttServerConnection.serve(vertx, MqttTransport.of(socket).onClose(() -> perAddress.closed(host)),
                    connector, MAX_PACKET_BYTES, limits.mqttConnectTimeout());
        });
        return server.listen();
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    public int actualPort() {
        return server.actualPort();
    }
}
