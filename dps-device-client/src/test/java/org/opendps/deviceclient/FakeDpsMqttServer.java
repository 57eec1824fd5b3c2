package org.opendps.deviceclient;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A DPS MQTT peer on loopback TLS that records what the client sends and answers each request from a script, so
 * that tests pin the exact packets (the end-to-end tests in dps-it see only outcomes) and answers the real server
 * never gives. Replies go out 10 ms late, as protocol/dps-device.md §0 tells the real server to.
 */
final class FakeDpsMqttServer implements AutoCloseable {
    /** What the client sent on one connection. */
    record Connect(String clientId, String userName, String password, List<Certificate> clientChain) {}

    /** A reply: the topic's status and query, and the body. */
    record Reply(int status, String query, String body) {}

    final List<Connect> connects = new CopyOnWriteArrayList<>();
    final List<String> subscriptions = new CopyOnWriteArrayList<>();
    final List<String> publishedTopics = new CopyOnWriteArrayList<>();
    final List<Long> publishedAtNanos = new CopyOnWriteArrayList<>();
    final List<String> publishedBodies = new CopyOnWriteArrayList<>();
    volatile boolean disconnected;

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel listener;
    private final MqttConnectReturnCode connectReturnCode;
    private final Function<String, Reply> script;

    /** @param script the reply to each published topic */
    FakeDpsMqttServer(SSLContext tls, MqttConnectReturnCode connectReturnCode, Function<String, Reply> script)
            throws InterruptedException {
        this.connectReturnCode = connectReturnCode;
        this.script = script;
        this.listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        SSLEngine engine = tls.createSSLEngine();
                        engine.setUseClientMode(false);
                        engine.setWantClientAuth(true);
                        channel.pipeline().addLast(new SslHandler(engine), new MqttDecoder(), MqttEncoder.INSTANCE,
                                new Peer());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    private final class Peer extends SimpleChannelInboundHandler<MqttMessage> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, MqttMessage message) {
            MqttMessageType type = message.fixedHeader().messageType();
            if (type == MqttMessageType.CONNECT) {
                MqttConnectMessage connect = (MqttConnectMessage) message;
                byte[] password = connect.payload().passwordInBytes();
                connects.add(new Connect(connect.payload().clientIdentifier(), connect.payload().userName(),
                        password == null ? null : new String(password, StandardCharsets.UTF_8), peerChain(context)));
                context.writeAndFlush(MqttMessageBuilders.connAck().returnCode(connectReturnCode)
                        .sessionPresent(false).build());
            } else if (type == MqttMessageType.SUBSCRIBE) {
                MqttSubscribeMessage subscribe = (MqttSubscribeMessage) message;
                subscribe.payload().topicSubscriptions().forEach(s -> subscriptions.add(s.topicFilter()));
                context.writeAndFlush(MqttMessageBuilders.subAck().packetId(subscribe.variableHeader().messageId())
                        .addGrantedQos(MqttQoS.AT_LEAST_ONCE).build());
            } else if (type == MqttMessageType.PUBLISH) {
                MqttPublishMessage publish = (MqttPublishMessage) message;
                String topic = publish.variableHeader().topicName();
                publishedTopics.add(topic);
                publishedAtNanos.add(System.nanoTime());
                publishedBodies.add(new String(ByteBufUtil.getBytes(publish.payload()), StandardCharsets.UTF_8));
                Reply reply = script.apply(topic);
                String rid = topic.replaceAll(".*\\$rid=([^&]*).*", "$1");
                context.executor().schedule(() -> context.writeAndFlush(MqttMessageBuilders.publish()
                        .topicName("$dps/registrations/res/" + reply.status() + "/?$rid=" + rid + reply.query())
                        .qos(MqttQoS.AT_LEAST_ONCE).messageId(7).retained(false)
                        .payload(Unpooled.copiedBuffer(reply.body(), StandardCharsets.UTF_8)).build()),
                        10, TimeUnit.MILLISECONDS);
            } else if (type == MqttMessageType.DISCONNECT) {
                disconnected = true;
                context.close();
            }
        }

        private List<Certificate> peerChain(ChannelHandlerContext context) {
            try {
                return List.of(context.pipeline().get(SslHandler.class).engine().getSession().getPeerCertificates());
            } catch (SSLPeerUnverifiedException e) {
                return List.of();
            }
        }
    }

    @Override
    public void close() {
        listener.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
