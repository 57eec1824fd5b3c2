package org.opendps.server.mqtt.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one MQTT 3.1.1 connection, over any {@link MqttTransport}: Netty's MQTT codec turns the byte
 * stream into packets (wherever the transport cut it) and back, and this class runs the protocol: CONNECT (decided
 * by the {@link MqttConnector}), SUBSCRIBE, UNSUBSCRIBE, PUBLISH at QoS 0 and 1 both ways, PINGREQ, DISCONNECT and
 * the keep-alive. Anything else (garbage, a packet too large, a second CONNECT, QoS 2) closes the connection.
 * Everything runs on the connection's event loop; {@link #publish} and {@link #close} may be called from anywhere.
 */
public final class MqttServerConnection implements MqttConnection {
    private static final Logger LOG = LoggerFactory.getLogger(MqttServerConnection.class);
    /** How long a client has to send its CONNECT after the transport is up, unless told otherwise. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private enum State { AWAITING_CONNECT, CONNECTING, OPEN, CLOSED }

    private final Vertx vertx;
    private final Context context;
    private final MqttTransport transport;
    private final MqttConnector connector;
    /** Netty's MQTT decoder in an in-memory pipeline, fed and drained here. */
    private final EmbeddedChannel decoder;
    /**
     * Netty's MQTT encoder, in a pipeline of its own: the decoder records the protocol level of every CONNECT it
     * decodes on its channel, and the encoder writes the MQTT 5 format when it finds 5 there. A client that sends an
     * MQTT 5 CONNECT (first, or after its MQTT 3.1.1 one) must still get MQTT 3.1.1 packets, the only version served.
     */
    private final EmbeddedChannel encoder;
    private final long connectTimeoutMillis;
    /** Packets that arrive while the connector decides (a client may send SUBSCRIBE right behind its CONNECT). */
    private final Queue<MqttMessage> early = new ArrayDeque<>();
    private State state = State.AWAITING_CONNECT;
    private MqttSession session;
    private long keepAliveMillis;
    private long timer = -1;
    private int lastPacketId;

    private MqttServerConnection(Vertx vertx, MqttTransport transport, MqttConnector connector, int maxPacketBytes,
            Duration connectTimeout) {
        this.vertx = vertx;
        this.connectTimeoutMillis = connectTimeout.toMillis();
        this.context = vertx.getOrCreateContext();
        this.transport = transport;
        this.connector = connector;
        this.decoder = new EmbeddedChannel(new MqttDecoder(maxPacketBytes));
        this.encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
    }

    /**
     * Serves MQTT on {@code transport}, on the current event loop.
     *
     * @param maxPacketBytes the largest packet accepted from the client; a larger one closes the connection
     */
    public static void serve(Vertx vertx, MqttTransport transport, MqttConnector connector, int maxPacketBytes) {
        serve(vertx, transport, connector, maxPacketBytes, DEFAULT_CONNECT_TIMEOUT);
    }

    /** As {@link #serve(Vertx, MqttTransport, MqttConnector, int)}; a client silent for {@code connectTimeout} goes. */
    public static void serve(Vertx vertx, MqttTransport transport, MqttConnector connector, int maxPacketBytes,
            Duration connectTimeout) {
        MqttServerConnection connection = new MqttServerConnection(Objects.requireNonNull(vertx, "vertx"),
                Objects.requireNonNull(transport, "transport"), Objects.requireNonNull(connector, "connector"),
                maxPacketBytes, Objects.requireNonNull(connectTimeout, "connectTimeout"));
        transport.start(connection::received, v -> connection.closed());
        connection.restartTimer();
    }

    @Override
    public void publish(String topic, byte[] payload, MqttQoS qos) {
        if (qos != MqttQoS.AT_MOST_ONCE && qos != MqttQoS.AT_LEAST_ONCE) {
            throw new IllegalArgumentException("the server publishes at QoS 0 or 1, not " + qos);
        }
        // Always a turn later, even on the event loop: a session that publishes while handling a packet (messages
        // waiting for a new subscription) must not overtake that packet's acknowledgement.
        context.runOnContext(v -> {
            if (state == State.OPEN) {
                send(MqttMessageBuilders.publish().topicName(topic).qos(qos).retained(false)
                        .messageId(qos == MqttQoS.AT_MOST_ONCE ? 0 : nextPacketId())
                        .payload(Unpooled.wrappedBuffer(payload)).build());
            }
        });
    }

    @Override
    public void close() {
        onContext(() -> {
            if (state != State.CLOSED) {
                transport.close();
                closed();
            }
        });
    }

    @Override
    public SSLSession tlsSession() {
        return transport.tlsSession();
    }

    @Override
    public SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    private void received(Buffer bytes) {
        if (state == State.CLOSED) {
            return;
        }
        try {
            decoder.writeInbound(Unpooled.wrappedBuffer(bytes.getBytes()));
        } catch (RuntimeException e) {
            LOG.debug("Closing the MQTT connection from {}: the codec failed", remoteAddress(), e);
            close();
            return;
        }
        for (Object message = decoder.readInbound(); message != null; message = decoder.readInbound()) {
            if (state == State.CLOSED) {
                ReferenceCountUtil.release(message);
            } else {
                handleOrQueue((MqttMessage) message);
            }
        }
    }

    private void handleOrQueue(MqttMessage message) {
        if (message.decoderResult().isFailure()) {
            ReferenceCountUtil.release(message);
            LOG.debug("Closing the MQTT connection from {}: {}", remoteAddress(),
                    message.decoderResult().cause().getMessage());
            close();
            return;
        }
        restartTimer();
        MqttMessageType type = message.fixedHeader().messageType();
        if (state == State.AWAITING_CONNECT) {
            if (type == MqttMessageType.CONNECT) {
                connect((MqttConnectMessage) message);
            } else {
                ReferenceCountUtil.release(message);
                refuseProtocol("sent " + type + " before CONNECT");
            }
        } else if (state == State.CONNECTING && type != MqttMessageType.CONNECT) {
            early.add(message);
        } else {
            handle(message);
        }
    }

    private void connect(MqttConnectMessage message) {
        int version = message.variableHeader().version();
        if (version != 3 && version != 4) { // MQTT 3.1 and 3.1.1
            send(connAck(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION));
            close();
            return;
        }
        int keepAlive = message.variableHeader().keepAliveTimeSeconds();
        keepAliveMillis = keepAlive * 1500L; // MQTT 3.1.1 §3.1.2.10: one and a half times the keep-alive
        MqttConnector.Connect connect = new MqttConnector.Connect(message.payload().clientIdentifier(),
                message.variableHeader().hasUserName() ? message.payload().userName() : null,
                message.variableHeader().hasPassword() ? message.payload().passwordInBytes() : null,
                keepAlive, message.variableHeader().isCleanSession());
        state = State.CONNECTING;
        connector.connect(connect, this).onComplete(result -> onContext(() -> admitted(result)));
    }

    private void admitted(AsyncResult<MqttConnector.Admission> result) {
        MqttConnector.Admission admission = result.succeeded() ? result.result() : null;
        if (result.failed()) {
            LOG.warn("Deciding on the MQTT connection from {} failed", remoteAddress(), result.cause());
        }
        if (state == State.CLOSED) {
            if (admission != null && admission.session() != null) {
                admission.session().closed();
            }
            return;
        }
        if (admission == null || admission.session() == null) {
            send(connAck(admission == null ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE
                    : admission.refusal()));
            close();
            return;
        }
        session = admission.session();
        state = State.OPEN;
        restartTimer();
        send(connAck(MqttConnectReturnCode.CONNECTION_ACCEPTED));
        while (!early.isEmpty() && state == State.OPEN) {
            handle(early.poll());
        }
    }

    private void handle(MqttMessage message) {
        try {
            switch (message.fixedHeader().messageType()) {
                case SUBSCRIBE -> subscribe((MqttSubscribeMessage) message);
                case UNSUBSCRIBE -> {
                    MqttUnsubscribeMessage unsubscribe = (MqttUnsubscribeMessage) message;
                    session.unsubscribe(unsubscribe.payload().topics());
                    send(MqttMessageBuilders.unsubAck().packetId(unsubscribe.variableHeader().messageId()).build());
                }
                case PUBLISH -> published((MqttPublishMessage) message);
                case PUBACK -> { } // the server's QoS 1 messages are sent once; their acknowledgements end them
                case PINGREQ -> send(new MqttMessage(
                        new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0)));
                case DISCONNECT -> close();
                default -> refuseProtocol("sent " + message.fixedHeader().messageType());
            }
        } catch (RuntimeException e) {
            LOG.warn("Closing the MQTT connection from {}: handling {} failed", remoteAddress(),
                    message.fixedHeader().messageType(), e);
            close();
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    private void subscribe(MqttSubscribeMessage message) {
        List<MqttSession.Subscription> requested = message.payload().topicSubscriptions().stream()
                .map(s -> new MqttSession.Subscription(s.topicFilter(), s.qualityOfService())).toList();
        List<MqttQoS> granted = session.subscribe(requested);
        if (granted != null && state == State.OPEN) {
            send(MqttMessageBuilders.subAck().packetId(message.idAndPropertiesVariableHeader().messageId())
                    .addGrantedQoses(granted.toArray(new MqttQoS[0])).build());
        }
    }

    private void published(MqttPublishMessage message) {
        MqttQoS qos = message.fixedHeader().qosLevel();
        if (qos != MqttQoS.AT_MOST_ONCE && qos != MqttQoS.AT_LEAST_ONCE) {
            LOG.info("Closing the MQTT connection from {}: it published at {}", remoteAddress(), qos);
            close();
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(message.payload());
        boolean accepted = session.publish(message.variableHeader().topicName(), payload, qos,
                message.fixedHeader().isRetain());
        if (accepted && qos == MqttQoS.AT_LEAST_ONCE && state == State.OPEN) {
            send(MqttMessageBuilders.pubAck().packetId(message.variableHeader().packetId()).build());
        }
    }

    private void refuseProtocol(String why) {
        LOG.debug("Closing the MQTT connection from {}: it {}", remoteAddress(), why);
        close();
    }

    private static MqttConnAckMessage connAck(MqttConnectReturnCode code) {
        return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build();
    }

    /** Encodes one packet and writes it as one unit (one WebSocket message). */
    private void send(MqttMessage message) {
        encoder.writeOutbound(message);
        Buffer bytes = Buffer.buffer();
        for (Object out = encoder.readOutbound(); out != null; out = encoder.readOutbound()) {
            ByteBuf encoded = (ByteBuf) out;
            bytes.appendBytes(ByteBufUtil.getBytes(encoded));
            encoded.release();
        }
        transport.write(bytes);
    }

    private int nextPacketId() {
        lastPacketId = lastPacketId % 0xFFFF + 1; // 1..65535
        return lastPacketId;
    }

    /** A client that stays silent past its keep-alive (or never sends CONNECT) is gone. */
    private void restartTimer() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        long delay = state == State.AWAITING_CONNECT ? connectTimeoutMillis
                : state == State.CLOSED ? 0 : keepAliveMillis;
        if (delay > 0) {
            timer = vertx.setTimer(delay, id -> {
                timer = -1;
                LOG.debug("Closing the MQTT connection from {}: silent for {} ms", remoteAddress(), delay);
                close();
            });
        }
    }

    /** The end, whoever closed the transport: runs once. */
    private void closed() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        restartTimer();
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        decoder.finishAndReleaseAll();
        encoder.finishAndReleaseAll();
        if (session != null) {
            session.closed();
        }
    }

    private void onContext(Runnable action) {
        if (Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }
}
