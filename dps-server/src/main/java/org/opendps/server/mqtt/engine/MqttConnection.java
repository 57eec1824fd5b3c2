package org.opendps.server.mqtt.engine;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.net.SocketAddress;
import javax.net.ssl.SSLSession;

/** One client's MQTT connection, as the sessions above the engine see it, whatever transport carries it. */
public interface MqttConnection {

    /**
     * Sends a PUBLISH at QoS 0 or 1, from any thread, after any acknowledgement of the packet being handled; nothing
     * happens once the connection is closed.
     */
    void publish(String topic, byte[] payload, MqttQoS qos);

    /** Closes the connection, from any thread. */
    void close();

    /** The TLS session (peer chain, server name); null on a connection without TLS. */
    SSLSession tlsSession();

    SocketAddress remoteAddress();
}
