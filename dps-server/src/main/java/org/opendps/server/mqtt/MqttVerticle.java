package org.opendps.server.mqtt;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.opendps.server.ServerConfig;
import org.opendps.server.mqtt.engine.MqttConnector;
import org.opendps.server.mqtt.engine.MqttServerConnection;
import org.opendps.server.mqtt.engine.MqttTransport;
import org.opendps.server.tls.ServerTls;

/**
 * The MQTT-over-TLS listener: each connection runs the MQTT engine, and the connector decides who it is. The
 * HTTPS listener runs the same engine over WebSocket ({@link MqttWebSockets}).
 */
public final class MqttVerticle extends VerticleBase {
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
        NetServerOptions options = ServerTls.apply(new NetServerOptions(), config.tls())
                .setHost(config.bindAddress()).setPort(config.mqttPort());
        server = vertx.createNetServer(options).connectHandler(socket ->
                MqttServerConnection.serve(vertx, MqttTransport.of(socket), connector, MAX_PACKET_BYTES));
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
