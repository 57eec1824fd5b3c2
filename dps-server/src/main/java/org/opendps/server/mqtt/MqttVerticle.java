package org.opendps.server.mqtt;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import org.opendps.server.ServerConfig;
import org.opendps.server.tls.ServerTls;

/**
 * The MQTT-over-TLS listener. It holds the port and completes TLS handshakes; DPS and hub MQTT sessions arrive
 * with the registration and hub work, so for now every connection is closed once it is established.
 */
public final class MqttVerticle extends VerticleBase {
    private final ServerConfig config;
    private NetServer server;

    public MqttVerticle(ServerConfig config) {
        this.config = config;
    }

    @Override
    public Future<?> start() {
        NetServerOptions options = ServerTls.apply(new NetServerOptions(), config.tls())
                .setHost(config.bindAddress())
                .setPort(config.mqttPort());
        server = vertx.createNetServer(options).connectHandler(socket -> socket.close());
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
