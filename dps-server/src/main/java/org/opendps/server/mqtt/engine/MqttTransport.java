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

    /** The same transport, which also calls {@code onClose} once it closed (for the per-address count). */
    default MqttTransport onClose(Runnable onClose) {
        MqttTransport inner = this;
        return new MqttTransport() {
            @Override
            public void start(Handler<Buffer> received, Handler<Void> closed) {
                inner.start(received, v -> {
                    onClose.run();
                    closed.handle(v);
                });
            }

            @Override
            public void write(Buffer bytes) {
                inner.write(bytes);
            }

            @Override
            public void close() {
                inner.close();
            }

            @Override
            public SSLSession tlsSession() {
                return inner.tlsSession();
            }

            @Override
            public SocketAddress remoteAddress() {
                return inner.remoteAddress();
            }
        };
    }

    /**
     * A client that stops reading while the server has more for it (replies, twin changes, cloud-to-device
     * messages) would make the server hold it all: past this much unsent, the connection is closed instead.
     */
    int MAX_UNSENT_BYTES = 1024 * 1024;

    static MqttTransport of(NetSocket socket) {
        socket.setWriteQueueMaxSize(MAX_UNSENT_BYTES);
        return new MqttTransport() {
            @Override
            public void start(Handler<Buffer> received, Handler<Void> closed) {
                socket.handler(received);
                socket.closeHandler(closed);
                socket.exceptionHandler(e -> socket.close());
            }

            @Override
            public void write(Buffer bytes) {
                if (socket.writeQueueFull()) {
                    socket.close();
                } else {
                    socket.write(bytes);
                }
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
        socket.setWriteQueueMaxSize(MAX_UNSENT_BYTES);
        return new MqttTransport() {
            @Override
            public void start(Handler<Buffer> received, Handler<Void> closed) {
                socket.handler(received);
                socket.closeHandler(closed);
                socket.exceptionHandler(e -> socket.close());
            }

            @Override
            public void write(Buffer bytes) {
                if (socket.writeQueueFull()) {
                    socket.close();
                } else {
                    socket.writeBinaryMessage(bytes);
                }
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
