package org.opendps.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An MQTT client at the packet level, for what no SDK shows: raw bytes, packet ids, frames. Netty's MQTT codec
 * writes and reads the packets; the transport is a TLS socket (the MQTT port) or a WebSocket (the HTTPS port).
 */
final class RawMqttClient implements AutoCloseable {
    private final EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder());
    private final BlockingQueue<MqttMessage> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private SSLSocket socket;
    private WebSocket webSocket;

    private RawMqttClient() {}

    /** Over TLS to the MQTT port. */
    static RawMqttClient tls(SSLContext tls, int port) throws IOException {
        RawMqttClient client = new RawMqttClient();
        client.socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", port);
        client.socket.startHandshake();
        Thread reader = new Thread(client::readSocket, "raw-mqtt-reader");
        reader.setDaemon(true);
        reader.start();
        return client;
    }

    /** Over a WebSocket on the HTTPS port, asking for {@code subprotocol}; fails if the server refuses. */
    static RawMqttClient webSocket(SSLContext tls, int port, String path, String subprotocol) throws Exception {
        RawMqttClient client = new RawMqttClient();
        client.webSocket = HttpClient.newBuilder().sslContext(tls).build().newWebSocketBuilder()
                .subprotocols(subprotocol).connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create("wss://localhost:" + port + path), client.new Listener())
                .get(10, TimeUnit.SECONDS);
        return client;
    }

    /** The subprotocol the server chose (WebSocket only). */
    String subprotocol() {
        return webSocket.getSubprotocol();
    }

    static byte[] encode(MqttMessage message) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        channel.writeOutbound(message);
        ByteBuf bytes = Unpooled.buffer();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            bytes.writeBytes((ByteBuf) out);
            ((ByteBuf) out).release();
        }
        return ByteBufUtil.getBytes(bytes);
    }

    void send(MqttMessage message) throws Exception {
        sendRaw(encode(message));
    }

    /** The bytes as one write (one WebSocket message). */
    void sendRaw(byte[] bytes) throws Exception {
        if (socket != null) {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
        } else {
            webSocket.sendBinary(ByteBuffer.wrap(bytes), true).get(10, TimeUnit.SECONDS);
        }
    }

    /** The next packet from the server; fails after 10 s. */
    MqttMessage next() throws InterruptedException {
        MqttMessage message = received.poll(10, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no packet from the server within 10 s");
        }
        return message;
    }

    /** Whether the server closed the connection within {@code wait}. */
    boolean closedWithin(Duration wait) {
        try {
            closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private synchronized void decode(byte[] bytes) {
        decoder.writeInbound(Unpooled.wrappedBuffer(bytes));
        for (Object message = decoder.readInbound(); message != null; message = decoder.readInbound()) {
            received.add((MqttMessage) message);
        }
    }

    private void readSocket() {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = socket.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                decode(java.util.Arrays.copyOf(buffer, n));
            }
        } catch (IOException e) {
            // the server reset the connection: closed all the same
        }
        closed.complete(null);
    }

    private final class Listener implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            decode(bytes);
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            closed.complete(null);
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.close();
        } else if (!webSocket.isOutputClosed()) {
            webSocket.abort();
        }
    }
}
