package org.opendps.deviceclient;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslHandler;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.opendps.core.provisioning.RegistrationOperationStatus;

/**
 * DPS registration over MQTT 3.1.1 on TLS (protocol/dps-device.md §5): one connection per registration, client ID =
 * registration ID, the SAS token as password (none for X.509), requests on {@code $dps/registrations/PUT/...} and
 * {@code GET/...}, answers on {@code $dps/registrations/res/#}. All connections share one event loop thread.
 */
public final class MqttRegistrationTransport implements RegistrationTransport {
    /** The port every Azure SDK dials for MQTT. */
    public static final int DEFAULT_PORT = 8883;
    private static final int MAX_MESSAGE_BYTES = 256 * 1024;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ProvisioningEndpoint endpoint;
    private final Duration timeout;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    /** @param timeout for the whole registration, polls included */
    public MqttRegistrationTransport(ProvisioningEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<RegistrationOperationStatus> register(Registration registration) {
        CompletableFuture<RegistrationOperationStatus> result = new CompletableFuture<>();
        SSLEngine engine = DeviceTls.context(endpoint, registration.credential())
                .createSSLEngine(endpoint.host(), endpoint.port());
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the server certificate must name the host
        engine.setSSLParameters(parameters);
        MqttRegistrationSession session = new MqttRegistrationSession(registration, Polling.token(registration),
                result);
        ChannelFuture connecting = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new SslHandler(engine), new MqttDecoder(MAX_MESSAGE_BYTES),
                                MqttEncoder.INSTANCE, session);
                    }
                })
                .connect(endpoint.host(), endpoint.port());
        connecting.addListener(connected -> {
            if (!connected.isSuccess()) {
                result.completeExceptionally(RegistrationException.of(RegistrationException.Kind.UNREACHABLE,
                        "cannot connect to " + endpoint.authority() + ": " + connected.cause().getMessage(),
                        connected.cause()));
            }
        });
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((status, failure) -> {
                    if (failure != null) {
                        connecting.channel().close(); // on success the session disconnects politely
                    }
                })
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(
                        HttpsRegistrationTransport.translate(failure)));
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
