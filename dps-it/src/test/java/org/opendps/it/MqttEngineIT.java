package org.opendps.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.testsupport.net.ProxiedJvm;

/**
 * The MQTT engine at the packet level, where the SDKs cannot show it: acknowledgements and their packet ids, the
 * socket closed after DISCONNECT, garbage, silence and oversized packets, a user name without a password, DPS
 * requests and replies, and WebSocket frames that cut packets anywhere. Any ports will do here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MqttEngineIT {
    private static final String HUB_USER = "localhost/engine-1/?api-version=2021-04-12";

    private TestServer server;
    private SSLContext tls;
    private String hubKey;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.withBuiltInHub(dataDir, 0);
        tls = ProxiedJvm.trusting(server.caCertificate());
        hubKey = HubMqttIT.provision(server, "engine-1");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private RawMqttClient tls() throws Exception {
        return RawMqttClient.tls(tls, server.mqttPort());
    }

    private static MqttMessage connect(String clientId, String userName, String password, int keepAlive) {
        MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect().clientId(clientId)
                .protocolVersion(MqttVersion.MQTT_3_1_1).cleanSession(true).keepAlive(keepAlive)
                .hasUser(userName != null).username(userName);
        if (password != null) {
            connect.hasPassword(true).password(password.getBytes(UTF_8));
        }
        return connect.build();
    }

    private MqttMessage hubConnect() {
        return connect("engine-1", HUB_USER, HubMqttIT.token("engine-1", hubKey), 60);
    }

    private static MqttConnectReturnCode connAck(RawMqttClient client) throws Exception {
        MqttMessage message = client.next();
        assertThat(message.fixedHeader().messageType()).isEqualTo(MqttMessageType.CONNACK);
        return ((MqttConnAckMessage) message).variableHeader().connectReturnCode();
    }

    private static MqttMessage publish(String topic, String payload, MqttQoS qos, int packetId) {
        return MqttMessageBuilders.publish().topicName(topic).qos(qos).messageId(packetId)
                .payload(Unpooled.copiedBuffer(payload, UTF_8)).build();
    }

    private static MqttMessage subscribe(String filter, int packetId) {
        return MqttMessageBuilders.subscribe().messageId(packetId).addSubscription(MqttQoS.AT_LEAST_ONCE, filter)
                .build();
    }

    @Test
    void a_qos_1_publish_is_acknowledged_with_its_packet_id() throws Exception {
        try (RawMqttClient client = tls()) {
            client.send(hubConnect());
            assertThat(connAck(client)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            client.send(publish("devices/engine-1/messages/events/n=1", "qos1", MqttQoS.AT_LEAST_ONCE, 4711));
            MqttMessage ack = client.next();
            assertThat(ack.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
            assertThat(((MqttMessageIdVariableHeader) ack.variableHeader()).messageId()).isEqualTo(4711);
            assertThat(server.dps().hubDevices().telemetry().read("localhost"))
                    .anyMatch(m -> new String(m.body(), UTF_8).equals("qos1"));
        }
    }

    @Test
    void disconnect_closes_the_socket() throws Exception {
        try (RawMqttClient client = tls()) {
            client.send(hubConnect());
            assertThat(connAck(client)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            client.send(MqttMessageBuilders.disconnect().build());
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void garbage_before_connect_closes_the_connection() throws Exception {
        try (RawMqttClient client = tls()) {
            client.sendRaw("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(UTF_8));
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void a_packet_before_connect_closes_the_connection() throws Exception {
        try (RawMqttClient client = tls()) {
            client.send(subscribe("devices/engine-1/messages/devicebound/#", 1));
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void a_client_silent_past_one_and_a_half_keep_alives_is_dropped() throws Exception {
        try (RawMqttClient client = tls()) {
            client.send(connect("engine-1", HUB_USER, HubMqttIT.token("engine-1", hubKey), 1));
            assertThat(connAck(client)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            assertThat(client.closedWithin(Duration.ofMillis(1000))).as("still open after 1 s").isFalse();
            assertThat(client.closedWithin(Duration.ofSeconds(3))).isTrue();
        }
    }

    @Test
    void a_packet_larger_than_the_limit_closes_the_connection() throws Exception {
        try (RawMqttClient client = tls()) {
            client.send(hubConnect());
            assertThat(connAck(client)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            char[] big = new char[300 * 1024];
            Arrays.fill(big, 'x');
            try {
                client.send(publish("devices/engine-1/messages/events/", new String(big), MqttQoS.AT_MOST_ONCE, 0));
            } catch (java.net.SocketException e) {
                // the server may close as soon as it reads the packet's length, while the rest is still on its way
            }
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    /**
     * X.509 devices send a user name and no password. Without a client certificate a DPS device is accepted and
     * then told 401 for its request: the user name got through and chose the DPS.
     */
    @Test
    void a_user_name_without_a_password_reaches_the_engine() throws Exception {
        String scope = server.info().idScope();
        try (RawMqttClient client = tls()) {
            client.send(connect("no-password-1", scope + "/registrations/no-password-1/api-version=2019-03-31",
                    null, 60));
            assertThat(connAck(client)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            client.send(subscribe("$dps/registrations/res/#", 1));
            assertThat(client.next().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
            client.send(publish("$dps/registrations/PUT/iotdps-register/?$rid=1",
                    "{\"registrationId\":\"no-password-1\"}", MqttQoS.AT_MOST_ONCE, 0));
            MqttPublishMessage reply = (MqttPublishMessage) client.next();
            assertThat(reply.variableHeader().topicName()).isEqualTo("$dps/registrations/res/401/?$rid=1");
            assertThat(reply.payload().toString(UTF_8)).contains("\"errorCode\":401002");
        }
    }

    /**
     * Granted QoS 1 (and a failure for a hub filter), acknowledged, answered at QoS 1 with the $rid as sent; then
     * the poll. The reply's delay is DpsMqttSessionTest's: here the database alone takes longer.
     */
    @Test
    void dps_requests_are_acknowledged_and_answered_at_the_granted_qos() throws Exception {
        String key = HubMqttIT.enroll(server, "engine-dps-1");
        String scope = server.info().idScope();
        try (RawMqttClient client = tls()) {
            client.send(connect("engine-dps-1", scope + "/registrations/engine-dps-1/api-version=2019-03-31"
                    + "&ClientVersion=test", new DeviceCalls(server).token("engine-dps-1", key), 60));
            assertThat(connAck(client)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
            client.send(MqttMessageBuilders.subscribe().messageId(2)
                    .addSubscription(MqttQoS.EXACTLY_ONCE, "$dps/registrations/res/#")
                    .addSubscription(MqttQoS.AT_LEAST_ONCE, "devices/engine-dps-1/messages/devicebound/#").build());
            assertThat(((MqttSubAckMessage) client.next()).payload().grantedQoSLevels()).containsExactly(1, 0x80);

            client.send(publish("$dps/registrations/PUT/iotdps-register/?$rid=a-b-c",
                    "{\"registrationId\":\"engine-dps-1\"}", MqttQoS.AT_LEAST_ONCE, 9));
            MqttMessage ack = client.next();
            assertThat(ack.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
            assertThat(((MqttMessageIdVariableHeader) ack.variableHeader()).messageId()).isEqualTo(9);
            MqttPublishMessage reply = (MqttPublishMessage) client.next();
            assertThat(reply.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
            assertThat(reply.variableHeader().packetId()).isPositive();
            assertThat(reply.variableHeader().topicName()).isEqualTo("$dps/registrations/res/200/?$rid=a-b-c");
            var status = DeviceCalls.json(reply.payload().toString(UTF_8));
            assertThat(status.path("status").asText()).isEqualTo("assigned");
            client.send(MqttMessageBuilders.pubAck().packetId(reply.variableHeader().packetId()).build());

            client.send(publish("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2&operationId="
                    + status.path("operationId").asText(), " ", MqttQoS.AT_MOST_ONCE, 0));
            MqttPublishMessage polled = (MqttPublishMessage) client.next();
            assertThat(polled.variableHeader().topicName()).isEqualTo("$dps/registrations/res/200/?$rid=2");
            assertThat(DeviceCalls.json(polled.payload().toString(UTF_8)).path("registrationState")
                    .path("assignedHub").asText()).isEqualTo("localhost");
        }
    }

    /** MQTT over WebSocket is a byte stream: a packet may span frames, and a frame may hold several packets. */
    @Test
    void websocket_frames_may_split_and_join_packets() throws Exception {
        try (RawMqttClient client = RawMqttClient.webSocket(tls, server.httpsPort(), "/any/path", "mqtt")) {
            assertThat(client.subprotocol()).isEqualTo("mqtt");
            byte[] connect = RawMqttClient.encode(hubConnect());
            client.sendRaw(Arrays.copyOfRange(connect, 0, 5));
            client.sendRaw(Arrays.copyOfRange(connect, 5, connect.length));
            assertThat(connAck(client)).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);

            byte[] subscribe = RawMqttClient.encode(subscribe("$iothub/twin/res/#", 3));
            byte[] ping = RawMqttClient.encode(MqttMessage.PINGREQ);
            byte[] both = Arrays.copyOf(subscribe, subscribe.length + ping.length);
            System.arraycopy(ping, 0, both, subscribe.length, ping.length);
            client.sendRaw(both);
            assertThat(client.next().fixedHeader().messageType()).isEqualTo(MqttMessageType.SUBACK);
            assertThat(client.next().fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
            client.send(MqttMessageBuilders.disconnect().build());
            assertThat(client.closedWithin(Duration.ofSeconds(5))).isTrue();
        }
    }

    @Test
    void a_websocket_without_the_mqtt_subprotocol_is_refused() {
        assertThatThrownBy(() -> RawMqttClient.webSocket(tls, server.httpsPort(), "/$iothub/websocket", "amqp"))
                .hasStackTraceContaining("400");
    }
}
