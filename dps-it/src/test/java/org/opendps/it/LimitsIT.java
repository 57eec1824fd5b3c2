package org.opendps.it;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendps.server.limits.Limits;
import org.opendps.testsupport.net.ProxiedJvm;

/**
 * What one client may take from the listeners, tried over real sockets against limits made small enough to reach
 * in a test: sizes answered with Azure error bodies, clients that are slow or silent at each stage dropped in
 * time, and one address held to its connection cap while another is still served.
 */
class LimitsIT {
    private static final Duration SHORT = Duration.ofMillis(1200);
    private static final int CAP = 4;

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static SSLContext tls;

    @BeforeAll
    static void start() throws Exception {
        Limits tight = Limits.DEFAULTS.withSizes(4096, 512).withTimeouts(SHORT, SHORT, SHORT, SHORT)
                .withConnectionsPerAddress(CAP);
        server = TestServer.start(TestServer.local(dataDir).withListenerLimits(tight));
        tls = ProxiedJvm.trusting(server.caCertificate());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void headers_over_the_limit_are_answered_431_with_an_azure_error_body() throws Exception {
        try (SSLSocket socket = https()) {
            send(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\nX-Filler: " + "a".repeat(5000) + "\r\n\r\n");
            Answer answer = Answer.read(socket);
            assertThat(answer.status()).isEqualTo(431);
            assertThat(answer.json().path("errorCode").asInt()).isEqualTo(431000);
            assertThat(answer.json().path("message").asText()).contains("4096");
        }
    }

    @Test
    void a_request_line_over_the_limit_is_answered_414_with_an_azure_error_body() throws Exception {
        try (SSLSocket socket = https()) {
            send(socket, "GET /enrollments/" + "a".repeat(600) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
            Answer answer = Answer.read(socket);
            assertThat(answer.status()).isEqualTo(414);
            assertThat(answer.json().path("errorCode").asInt()).isEqualTo(414000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https", "mqtt"})
    void a_client_that_opens_tcp_and_sends_nothing_is_dropped_after_the_handshake_timeout(String listener)
            throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port(listener))) {
            assertThat(closedWithin(socket, SHORT.multipliedBy(3))).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"https", "mqtt"})
    void a_client_that_stops_in_the_middle_of_its_handshake_is_dropped(String listener) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port(listener))) {
            // The start of a TLS record holding a ClientHello of 512 bytes, and then nothing more.
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc});
            assertThat(closedWithin(socket, SHORT.multipliedBy(3))).isTrue();
        }
    }

    @Test
    void headers_trickled_byte_by_byte_are_cut_off_however_steady_the_trickle() throws Exception {
        try (SSLSocket socket = https()) {
            send(socket, "GET /health HTTP/1.1\r\n");
            long start = System.nanoTime();
            boolean cutOff = false;
            // One byte every 100 ms keeps any idle timer quiet; only a deadline for the whole request stops it.
            while (!cutOff && System.nanoTime() - start < SHORT.multipliedBy(4).toNanos()) {
                try {
                    send(socket, "X");
                    Thread.sleep(100);
                } catch (IOException e) {
                    cutOff = true;
                }
                cutOff = cutOff || closedWithin(socket, Duration.ofMillis(1));
            }
            assertThat(cutOff).as("cut off within " + SHORT.multipliedBy(4)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(SHORT.minusMillis(200));
        }
    }

    @Test
    void a_kept_alive_connection_is_closed_after_the_idle_timeout_and_not_before() throws Exception {
        try (SSLSocket socket = https()) {
            send(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(Answer.read(socket).status()).isEqualTo(200);
            assertThat(closedWithin(socket, SHORT.dividedBy(2))).as("closed before the idle timeout").isFalse();
            send(socket, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(Answer.read(socket).status()).isEqualTo(200);
            assertThat(closedWithin(socket, SHORT.multipliedBy(3))).isTrue();
        }
    }

    /**
     * A client that sends requests and never reads the answers. The server takes one pipelined request at a time;
     * once its answers back up past the socket's buffers it closes the connection rather than queue more, and when
     * they fit, the idle timeout ends it after the last answer. Either way the connection goes.
     */
    @Test
    void a_client_that_never_reads_its_answers_is_dropped() throws Exception {
        try (SSLSocket socket = https()) {
            byte[] request = "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(US_ASCII);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int i = 0; i < 2_000; i++) {
                        out.write(request);
                    }
                } catch (IOException e) {
                    // the server closed the connection: what this test waits for
                }
            });
            writer.setDaemon(true);
            writer.start();
            writer.join(SHORT.multipliedBy(8).toMillis());
            assertThat(writer.isAlive()).as("the writer is still blocked: the server kept the connection").isFalse();
            assertThat(closedWithin(socket, SHORT.multipliedBy(8))).isTrue();
        }
    }

    @Test
    void an_mqtt_client_that_sends_no_connect_is_dropped_after_the_connect_timeout() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(tls, server.mqttPort())) {
            assertThat(client.closedWithin(SHORT.dividedBy(2))).as("closed before the timeout").isFalse();
            assertThat(client.closedWithin(SHORT.multipliedBy(3))).isTrue();
        }
    }

    @Test
    void an_mqtt_packet_announcing_more_than_the_limit_is_refused_before_it_arrives() throws Exception {
        try (RawMqttClient client = RawMqttClient.tls(tls, server.mqttPort())) {
            // A CONNECT whose remaining length says 2 MB, and its variable header: Netty's decoder judges the length
            // there, without waiting for the payload. Well before the CONNECT timeout, which would close it too.
            client.sendRaw(new byte[] {0x10, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x01,
                    0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00, 0x3c});
            assertThat(client.closedWithin(SHORT.dividedBy(2))).isTrue();
        }
    }

    @Test
    void the_connection_past_the_cap_of_one_address_is_closed_while_others_are_served() throws Exception {
        List<SSLSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                held.add(https());
            }
            try (SSLSocket refused = https()) {
                send(refused, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(closedWithin(refused, Duration.ofSeconds(2))).isTrue();
            } catch (IOException e) {
                // closed while the handshake finished or the request went out: refused all the same
            }
            try (SSLSocket other = https(InetAddress.getByName("127.0.0.2"))) {
                send(other, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(Answer.read(other).status()).as("another address is served").isEqualTo(200);
            }
            send(held.get(0), "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertThat(Answer.read(held.get(0)).status()).as("the held connections are served").isEqualTo(200);
            held.remove(CAP - 1).close();
            Thread.sleep(200);
            try (SSLSocket again = https()) {
                send(again, "GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
                assertThat(Answer.read(again).status()).as("a place freed is taken again").isEqualTo(200);
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    @Test
    void the_mqtt_port_caps_connections_per_address_too() throws Exception {
        List<RawMqttClient> held = new ArrayList<>();
        try {
            for (int i = 0; i < CAP; i++) {
                held.add(RawMqttClient.tls(tls, server.mqttPort()));
            }
            try (RawMqttClient refused = RawMqttClient.tls(tls, server.mqttPort())) {
                assertThat(refused.closedWithin(Duration.ofMillis(500))).isTrue();
            } catch (IOException e) {
                // closed during the handshake: refused all the same
            }
            assertThat(held.get(0).closedWithin(Duration.ofMillis(100))).as("the held ones stay").isFalse();
        } finally {
            for (RawMqttClient client : held) {
                client.close();
            }
        }
    }

    private static int port(String listener) {
        return listener.equals("https") ? server.httpsPort() : server.mqttPort();
    }

    private static SSLSocket https() throws IOException {
        return https(InetAddress.getLoopbackAddress());
    }

    private static SSLSocket https(InetAddress from) throws IOException {
        Socket plain = new Socket();
        plain.bind(new InetSocketAddress(from, 0));
        plain.connect(new InetSocketAddress("127.0.0.1", server.httpsPort()), 5000);
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, "localhost", server.httpsPort(),
                true);
        socket.startHandshake();
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(US_ASCII));
        socket.getOutputStream().flush();
    }

    /** True when the peer closed (end of stream or reset) within {@code wait}; bytes that arrive are skipped. */
    static boolean closedWithin(Socket socket, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            while (System.nanoTime() < deadline) {
                socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                try {
                    if (in.read(buffer) < 0) {
                        return true;
                    }
                } catch (SocketTimeoutException e) {
                    return false;
                }
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** One HTTP/1.1 answer with a Content-Length body, read off a raw socket. */
    record Answer(int status, String body) {
        static Answer read(Socket socket) throws IOException {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed after " + head);
                }
                head.append((char) b);
            }
            int length = 0;
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            byte[] body = in.readNBytes(length);
            return new Answer(Integer.parseInt(head.substring(9, 12)), new String(body, US_ASCII));
        }

        JsonNode json() throws IOException {
            return DeviceCalls.json(body);
        }
    }
}
