package org.opendps.server.mqtt.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Any byte stream a client may send on the MQTT port or in WebSocket frames, cut into pieces anywhere (the first
 * byte gives the piece size), through Netty's decoder and the engine's protocol handling with a session that
 * accepts everything: nothing escapes the connection's handler, the session hears nothing before a CONNECT was
 * accepted, and whatever the server answers is well-formed MQTT that starts with a CONNACK.
 */
class MqttPacketsFuzzTest {
    private static final int MAX_PACKET_BYTES = 4096;
    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void closeVertx() throws Exception {
        VERTX.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @FuzzTest(maxDuration = "10s")
    void any_bytes_close_the_connection_or_are_answered_with_well_formed_mqtt(byte[] data) throws Exception {
        if (data.length == 0) {
            return;
        }
        RecordingTransport transport = run(data);

        assertThat(transport.sessionCalls == 0 || transport.connected).as("the session only after a CONNECT")
                .isTrue();
        List<MqttMessageType> answers = decode(transport.written);
        if (!answers.isEmpty()) {
            assertThat(answers.get(0)).isEqualTo(MqttMessageType.CONNACK);
        }
    }

    /** The target is not vacuous: a whole session, one byte at a time, is served as a client expects. */
    @Test
    void a_session_sent_a_byte_at_a_time_is_answered_packet_by_packet() throws Exception {
        byte[] seed = MqttPacketsFuzzTest.class.getResourceAsStream("MqttPacketsFuzzTestInputs/"
                + "any_bytes_close_the_connection_or_are_answered_with_well_formed_mqtt/dps-session-whole")
                .readAllBytes();
        seed[0] = 0; // pieces of one byte

        RecordingTransport transport = run(seed);

        assertThat(decode(transport.written)).containsExactly(MqttMessageType.CONNACK, MqttMessageType.SUBACK,
                MqttMessageType.PUBACK, MqttMessageType.PINGRESP, MqttMessageType.UNSUBACK);
        assertThat(transport.sessionCalls).isEqualTo(3);
    }

    /**
     * MQTT 3.1.1 §3.1.2.2: a server that does not support the client's protocol level answers CONNACK 0x01, in its
     * own (3.1.1) format, and closes. Netty's decoder had switched the shared encoder to MQTT 5's format.
     */
    @Test
    void an_mqtt_5_connect_is_refused_with_an_mqtt_3_1_1_connack() throws Exception {
        RecordingTransport transport = run(stream(connect(MqttVersion.MQTT_5)));

        assertThat(transport.written).containsExactly(0x20, 0x02, 0x00, 0x01);
        assertThat(transport.closed).isTrue();
        assertThat(transport.connected).as("the connector is never asked").isFalse();
    }

    /** Found by fuzzing: an MQTT 5 CONNECT decoded behind packets still to be answered changed their format. */
    @Test
    void a_second_connect_at_mqtt_5_leaves_the_answers_before_it_in_mqtt_3_1_1() throws Exception {
        RecordingTransport transport = run(stream(connect(MqttVersion.MQTT_3_1_1), subscribe(),
                connect(MqttVersion.MQTT_5)));

        assertThat(decode(transport.written)).containsExactly(MqttMessageType.CONNACK, MqttMessageType.SUBACK);
        assertThat(transport.closed).isTrue();
    }

    private static MqttMessage connect(MqttVersion version) {
        return MqttMessageBuilders.connect().clientId("dev-1").protocolVersion(version).keepAlive(60)
                .cleanSession(true).build();
    }

    private static MqttMessage subscribe() {
        return MqttMessageBuilders.subscribe().messageId(1).addSubscription(MqttQoS.AT_LEAST_ONCE, "$dps/#").build();
    }

    /** The packets as a client writes them, in one piece (the first byte is the fuzz target's piece size). */
    private static byte[] stream(MqttMessage... packets) {
        EmbeddedChannel client = new EmbeddedChannel(MqttEncoder.INSTANCE);
        Buffer bytes = Buffer.buffer().appendByte((byte) 0xff);
        for (MqttMessage packet : packets) {
            client.writeOutbound(packet);
            for (Object out = client.readOutbound(); out != null; out = client.readOutbound()) {
                ByteBuf encoded = (ByteBuf) out;
                bytes.appendBytes(ByteBufUtil.getBytes(encoded));
                encoded.release();
            }
        }
        client.finishAndReleaseAll();
        return bytes.getBytes();
    }

    private static RecordingTransport run(byte[] data) throws Exception {
        int piece = Byte.toUnsignedInt(data[0]) + 1;
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);
        Context context = VERTX.getOrCreateContext();
        CompletableFuture<RecordingTransport> done = new CompletableFuture<>();
        context.runOnContext(v -> {
            RecordingTransport transport = new RecordingTransport();
            try {
                MqttServerConnection.serve(VERTX, transport, (connect, connection) -> {
                    transport.connected = true;
                    return Future.succeededFuture(MqttConnector.Admission.accepted(transport.session()));
                }, MAX_PACKET_BYTES);
                for (int from = 0; from < stream.length && !transport.closed; from += piece) {
                    transport.received.handle(Buffer.buffer(
                            Arrays.copyOfRange(stream, from, Math.min(stream.length, from + piece))));
                }
                transport.close();
                transport.closedHandler.handle(null);
                done.complete(transport);
            } catch (Throwable escaped) {
                done.completeExceptionally(escaped);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }

    /** What the server wrote, as MQTT packets: every one must decode. */
    private static List<MqttMessageType> decode(byte[] bytes) {
        EmbeddedChannel decoder = new EmbeddedChannel(new MqttDecoder(MAX_PACKET_BYTES));
        decoder.writeInbound(Unpooled.wrappedBuffer(bytes));
        List<MqttMessageType> types = new ArrayList<>();
        for (Object out = decoder.readInbound(); out != null; out = decoder.readInbound()) {
            MqttMessage message = (MqttMessage) out;
            assertThat(message.decoderResult().isSuccess()).as("the server's own packets decode").isTrue();
            types.add(message.fixedHeader().messageType());
            ReferenceCountUtil.release(message);
        }
        decoder.finishAndReleaseAll();
        return types;
    }

    /** A transport fed by the test, recording what the server writes and what reaches the session. */
    private static final class RecordingTransport implements MqttTransport {
        Handler<Buffer> received;
        Handler<Void> closedHandler;
        byte[] written = new byte[0];
        boolean closed;
        boolean connected;
        int sessionCalls;

        @Override
        public void start(Handler<Buffer> received, Handler<Void> closed) {
            this.received = received;
            this.closedHandler = closed;
        }

        @Override
        public void write(Buffer bytes) {
            assertThat(closed).as("no write after close").isFalse();
            Buffer all = Buffer.buffer(written).appendBuffer(bytes);
            written = all.getBytes();
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public SSLSession tlsSession() {
            return null;
        }

        @Override
        public SocketAddress remoteAddress() {
            return SocketAddress.inetSocketAddress(1883, "127.0.0.1");
        }

        MqttSession session() {
            return new MqttSession() {
                @Override
                public List<MqttQoS> subscribe(List<Subscription> subscriptions) {
                    sessionCalls++;
                    return subscriptions.stream().map(s -> s.qos() == MqttQoS.AT_MOST_ONCE ? s.qos()
                            : MqttQoS.AT_LEAST_ONCE).toList();
                }

                @Override
                public void unsubscribe(List<String> filters) {
                    sessionCalls++;
                }

                @Override
                public boolean publish(String topic, byte[] payload, MqttQoS qos, boolean retain) {
                    sessionCalls++;
                    return true;
                }

                @Override
                public void closed() {}
            };
        }
    }
}
