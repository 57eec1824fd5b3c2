package org.opendps.deviceclient;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.opendps.core.error.DpsException;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.wire.json.ErrorJson;
import org.opendps.wire.json.RegistrationClientJson;

/**
 * One registration on one MQTT connection: CONNECT, SUBSCRIBE to the responses, PUBLISH the register request, then
 * a status request after each {@code retry-after} until a final status; DISCONNECT at the end. Runs on the event
 * loop; every step is a reaction to the server's last packet.
 */
final class MqttRegistrationSession extends SimpleChannelInboundHandler<MqttMessage> {
    static final String API_VERSION = "2019-03-31";
    static final String RESPONSES = "$dps/registrations/res/#";
    private static final String RESPONSE_PREFIX = "$dps/registrations/res/";
    private static final int KEEP_ALIVE_SECONDS = 60;

    private final Registration registration;
    private final String token;
    private final CompletableFuture<RegistrationOperationStatus> result;
    private int requestId;

    MqttRegistrationSession(Registration registration, String token,
            CompletableFuture<RegistrationOperationStatus> result) {
        this.registration = registration;
        this.token = token;
        this.result = result;
    }

    /** {@code {idScope}/registrations/{id}/api-version=...&ClientVersion=...}, as the SDKs send it. */
    String userName() {
        return registration.resource() + "/api-version=" + API_VERSION + "&ClientVersion="
                + URLEncoder.encode("opendps-device/1", StandardCharsets.UTF_8);
    }

    @Override
    public void channelActive(ChannelHandlerContext context) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(MqttVersion.MQTT_3_1_1)
                .clientId(registration.registrationId())
                .username(userName())
                .cleanSession(true)
                .keepAlive(KEEP_ALIVE_SECONDS);
        if (token != null) {
            connect.password(token.getBytes(StandardCharsets.UTF_8));
        }
        context.writeAndFlush(connect.build()); // queued by the SslHandler until the handshake is done
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, MqttMessage message) {
        if (message.decoderResult().isFailure()) {
            fail(context, RegistrationException.of(RegistrationException.Kind.PROTOCOL,
                    "the server sent an invalid MQTT packet", message.decoderResult().cause()));
            return;
        }
        MqttMessageType type = message.fixedHeader().messageType();
        if (type == MqttMessageType.CONNACK) {
            connected(context, (MqttConnAckMessage) message);
        } else if (type == MqttMessageType.SUBACK) {
            publish(context, "$dps/registrations/PUT/iotdps-register/?$rid=" + ++requestId,
                    RegistrationClientJson.writeRequest(registration.registrationId(), registration.payload()));
        } else if (type == MqttMessageType.PUBLISH) {
            answered(context, (MqttPublishMessage) message);
        }
    }

    private void connected(ChannelHandlerContext context, MqttConnAckMessage connAck) {
        MqttConnectReturnCode code = connAck.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            boolean denied = code == MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED
                    || code == MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD;
            RegistrationException.Kind kind = denied ? RegistrationException.Kind.NOT_AUTHORIZED
                    : code == MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE
                            ? RegistrationException.Kind.UNREACHABLE : RegistrationException.Kind.REFUSED;
            fail(context, RegistrationException.of(kind, "the server refused the MQTT connection: " + code, null));
            return;
        }
        context.writeAndFlush(MqttMessageBuilders.subscribe().messageId(1)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, RESPONSES).build());
    }

    private void answered(ChannelHandlerContext context, MqttPublishMessage publish) {
        String topic = publish.variableHeader().topicName();
        byte[] body = ByteBufUtil.getBytes(publish.payload());
        if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            context.writeAndFlush(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
        }
        if (!topic.startsWith(RESPONSE_PREFIX)) {
            return;
        }
        ResponseTopic response = ResponseTopic.parse(topic);
        if (response == null || !String.valueOf(requestId).equals(response.requestId())) {
            return; // not the answer to the request outstanding
        }
        try {
            RegistrationOperationStatus status = read(response, body);
            if (status.assigning() || status.status() == RegistrationStatus.UNASSIGNED) {
                Duration wait = Polling.retryAfter(response.retryAfter());
                context.executor().schedule(() -> publish(context,
                        "$dps/registrations/GET/iotdps-get-operationstatus/?$rid=" + ++requestId + "&operationId="
                                + status.operationId(), new byte[0]), wait.toMillis(), TimeUnit.MILLISECONDS);
            } else {
                context.writeAndFlush(MqttMessage.DISCONNECT).addListener(done -> context.close());
                result.complete(status);
            }
        } catch (RegistrationException e) {
            fail(context, e);
        }
    }

    private static RegistrationOperationStatus read(ResponseTopic response, byte[] body) {
        int status = response.status();
        if (status != 200 && status != 202) {
            ErrorJson.ErrorBody error;
            try {
                error = ErrorJson.read(body);
            } catch (DpsException e) {
                error = new ErrorJson.ErrorBody(0, null, null);
            }
            throw RegistrationException.refused(status, error.errorCode(), error.message(), response.retryAfter());
        }
        try {
            return RegistrationClientJson.readOperationStatus(body);
        } catch (DpsException e) {
            throw RegistrationException.of(RegistrationException.Kind.PROTOCOL,
                    "the service's answer is not a registration status: " + e.getMessage(), null);
        }
    }

    private void publish(ChannelHandlerContext context, String topic, byte[] body) {
        if (!context.channel().isActive() || result.isDone()) {
            return;
        }
        context.writeAndFlush(MqttMessageBuilders.publish().topicName(topic).qos(MqttQoS.AT_MOST_ONCE)
                .retained(false).payload(Unpooled.wrappedBuffer(body)).build());
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) {
        result.completeExceptionally(RegistrationException.of(RegistrationException.Kind.UNREACHABLE,
                "the server closed the MQTT connection before the registration ended", null));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        fail(context, root instanceof SSLException
                ? RegistrationException.of(RegistrationException.Kind.TLS,
                        "TLS handshake failed (is the server's CA trusted? --ca-file): " + root.getMessage(), root)
                : RegistrationException.of(RegistrationException.Kind.UNREACHABLE,
                        "MQTT connection failed: " + root.getMessage(), root));
    }

    private void fail(ChannelHandlerContext context, RegistrationException failure) {
        result.completeExceptionally(failure);
        context.close();
    }
}
