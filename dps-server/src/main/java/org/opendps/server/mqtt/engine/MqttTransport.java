package org.opendps.server.mqtt.engine;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import javax.net.ssl.SSLSession;

/**
 * The byte stream an MQTT connection runs over: a TLS socket on the MQTT port, or a WebSocket on the HTTPS port.
 * WebSocket frames carry MQTT bytes with no regard for packet boundaries, so both are plain streams here.
 */
public interface MqttTransport {

    /** Starts reading: {@code received} gets the bytes as they come, {@code closed} is called once at the end. */
    void start(Handler<Buffer> received, Handler<Void> closed);

    void write(Buffer bytes);

    void close();

    /** The TLS session (peer chain, server name); null on a connection without TLS. */
    SSLSession tlsSession();

    SocketAddress remoteAddress();

    static MqttTransport of(NetSocket socket) {
        return new MqttTransport() {
            @Override
            public void start(Handler<Buffer> received, Handler<Void> closed) {
                socket.handler(received);
                socket.closeHandler(closed);
                socket.exceptionHandler(e -> socket.close());
            }

            @Override
            public void write(Buffer bytes) {
                socket.write(bytes);
            }

            @Override
            public void close() {
                socket.close();
            }

            @Override
            public SSLSession tlsSession() {
                return socket.isSsl() ? socket.sslSession() : null;
            }

            @Override
            public SocketAddress remoteAddress() {
                return socket.remoteAddress();
            }
        };
    }

    /** Each binary frame is part of the byte stream, as MQTT over WebSocket specifies (MQTT 3.1.1 §6). */
    static MqttTransport of(ServerWebSocket socket) {
        return new MqttTransport() {
            @Override
            public void start(Handler<Buffer> received, Handler<Void> closed) {
                socket.handler(received);
                socket.closeHandler(closed);
                socket.exceptionHandler(e -> socket.close());
            }

            @Override
            public void write(Buffer bytes) {
                socket.writeBinaryMessage(bytes);
            }

            @Override
            public void close() {
                socket.close();
            }

            @Override
            public SSLSession tlsSession() {
                return socket.isSsl() ? socket.sslSession() : null;
            }

            @Override
            public SocketAddress remoteAddress() {
                return socket.remoteAddress();
            }
        };
    }
}
