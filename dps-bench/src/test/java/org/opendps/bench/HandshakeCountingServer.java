package org.opendps.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSslSessionContext;
import io.netty.handler.ssl.ReferenceCountedOpenSslEngine;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.internal.tcnative.SSL;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.opendps.attestation.pki.IssuedCertificate;

/**
 * A TLS server on the server's own TLS stack (BoringSSL through netty-tcnative, session cache and tickets on, a
 * client certificate requested) that answers every registration {@code assigned}, over HTTPS or MQTT, and counts
 * the handshakes it completed and, asking BoringSSL of each, how many of them resumed a session. The
 * first {@code throttle} register requests get 429 with {@code Retry-After: 3}, longer than the SDKs' default
 * wait of 2 s.
 */
final class HandshakeCountingServer implements AutoCloseable {
    static final String ASSIGNED = "{\"operationId\":\"op-1\",\"status\":\"assigned\",\"registrationState\":{"
            + "\"registrationId\":\"dev\",\"assignedHub\":\"hub.example\",\"deviceId\":\"dev\","
            + "\"status\":\"assigned\"}}";
    static final int RETRY_AFTER_SECONDS = 3;
    private static final String THROTTLED = "{\"errorCode\":429001,\"message\":\"Too many requests.\"}";

    private final SslContext tls;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel channel;
    private final AtomicInteger throttle;
    private final List<Long> requestNanos = new CopyOnWriteArrayList<>();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final AtomicInteger resumed = new AtomicInteger();

    HandshakeCountingServer(boolean mqtt, IssuedCertificate certificate, int throttle) throws SSLException,
            InterruptedException {
        this.throttle = new AtomicInteger(throttle);
        this.tls = SslContextBuilder.forServer(certificate.privateKey(), certificate.chain())
                .sslProvider(SslProvider.OPENSSL).protocols("TLSv1.2", "TLSv1.3")
                .clientAuth(ClientAuth.OPTIONAL).trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        ((OpenSslSessionContext) tls.sessionContext()).setSessionCacheEnabled(true);
        this.channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel socket) {
                        socket.pipeline().addLast(tls.newHandler(socket.alloc()), new HandshakeCounter());
                        if (mqtt) {
                            socket.pipeline().addLast(new MqttDecoder(), MqttEncoder.INSTANCE, new MqttAnswers());
                        } else {
                            socket.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                    new HttpAnswers());
                        }
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    int port() {
        return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Handshakes completed, full or resumed. */
    int handshakes() {
        return handshakes.get();
    }

    /** Handshakes that resumed a session, from the session cache or from a ticket. */
    int resumed() {
        return resumed.get();
    }

    /** When each register request arrived ({@link System#nanoTime}), 429s included. */
    List<Long> requestNanos() {
        return requestNanos;
    }

    private boolean throttles() {
        requestNanos.add(System.nanoTime());
        return throttle.getAndDecrement() > 0;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Asks BoringSSL itself, once each handshake is done, whether it resumed a session. */
    private final class HandshakeCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent done && done.isSuccess()) {
                handshakes.incrementAndGet();
                SSLEngine engine = context.pipeline().get(SslHandler.class).engine();
                if (SSL.isSessionReused(((ReferenceCountedOpenSslEngine) engine).sslPointer())) {
                    resumed.incrementAndGet();
                }
            }
            super.userEventTriggered(context, event);
        }
    }

    private final class HttpAnswers extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            boolean throttled = throttles();
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    throttled ? HttpResponseStatus.TOO_MANY_REQUESTS : HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(throttled ? THROTTLED : ASSIGNED, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            if (throttled) {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            }
            context.writeAndFlush(response);
        }
    }

    private final class MqttAnswers extends SimpleChannelInboundHandler<MqttMessage> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, MqttMessage message) {
            MqttMessageType type = message.fixedHeader().messageType();
            if (type == MqttMessageType.CONNECT) {
                context.writeAndFlush(MqttMessageBuilders.connAck()
                        .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED).build());
            } else if (type == MqttMessageType.SUBSCRIBE) {
                context.writeAndFlush(MqttMessageBuilders.subAck()
                        .packetId(((MqttSubscribeMessage) message).variableHeader().messageId())
                        .addGrantedQoses(MqttQoS.AT_LEAST_ONCE).build());
            } else if (type == MqttMessageType.PUBLISH) {
                String topic = ((MqttPublishMessage) message).variableHeader().topicName();
                String rid = topic.substring(topic.indexOf("$rid=") + 5).split("&")[0];
                boolean throttled = throttles();
                context.writeAndFlush(MqttMessageBuilders.publish()
                        .topicName("$dps/registrations/res/" + (throttled ? "429" : "200") + "/?$rid=" + rid
                                + (throttled ? "&retry-after=" + RETRY_AFTER_SECONDS : ""))
                        .qos(MqttQoS.AT_MOST_ONCE).retained(false)
                        .payload(Unpooled.copiedBuffer(throttled ? THROTTLED : ASSIGNED, StandardCharsets.UTF_8))
                        .build());
            } else if (type == MqttMessageType.DISCONNECT) {
                context.close();
            }
        }
    }
}
