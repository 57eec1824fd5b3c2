package org.opendps.server.outbound;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.wire.sas.SasTokenParser;
import org.opendps.testsupport.net.ServerTlsContexts;

/**
 * A hub's service API on 127.0.0.1 over real TLS: devices and twins in maps, SAS tokens checked against the
 * policy key (401 otherwise), 404 for unknown devices, If-Match honoured (for {@code *}: see {@link Star}), and
 * twins answered with Azure's {@code $metadata}/{@code $version} and a reported section of the device's own.
 */
final class FakeIotHub implements AutoCloseable {
    static final IssuedCertificate CA =
            CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Fake Hub Test Root", Duration.ofDays(1)));
    private static final IssuedCertificate SERVER = CertificateIssuer.issue(
            CertificateIssuer.Request.leaf("127.0.0.1", Duration.ofDays(1), List.of("127.0.0.1")), CA);
    /** Keeps numbers as sent (1.50 stays 1.50), as a hub does. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES).build();
    private static final String METADATA = "{\"$lastUpdated\":\"2024-01-01T00:00:00Z\"}";

    /** What {@code If-Match: *} matches: by RFC 7232 any device; some hubs create with it, some refuse it. */
    enum Star { RFC_7232, CREATES, REFUSED }

    /** One request as the hub saw it; the path is raw (still percent-encoded). */
    record Received(String method, String rawPath, String query, String ifMatch, String authorization,
            String contentType, String accept, String body) {}

    private final String keyName;
    private final String key;
    private final HttpsServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final Map<String, ObjectNode> devices = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> twins = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger etags = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Star star = Star.RFC_7232;
    private volatile boolean stalls;
    private volatile int forcedStatus;

    FakeIotHub(String keyName, String key) {
        this.keyName = keyName;
        this.key = key;
        try {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(ServerTlsContexts.presenting(SERVER)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(handlers);
        server.start();
    }

    URI baseUri() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeIotHub star(Star meaning) {
        star = meaning;
        return this;
    }

    /** Answers every request with this status (0: behave). */
    void answerEverything(int status) {
        forcedStatus = status;
    }

    /** Holds every response until the hub is closed. */
    void stall() {
        stalls = true;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    Map<String, ObjectNode> devices() {
        return devices;
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            URI uri = exchange.getRequestURI();
            received.add(new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
                    headers.getFirst("If-Match"), headers.getFirst("Authorization"),
                    headers.getFirst("Content-Type"), headers.getFirst("Accept"), body));
            if (stalls) {
                released.await();
                return;
            }
            Answer answer = forcedStatus != 0 ? Answer.error(forcedStatus, "ServerBusy")
                    : !authorized(headers.getFirst("Authorization")) ? Answer.error(401, "IotHubUnauthorizedAccess")
                    : route(exchange.getRequestMethod(), uri.getRawPath(), headers.getFirst("If-Match"), body);
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            exchange.getResponseBody().write(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean authorized(String authorization) {
        try {
            var token = SasTokenParser.parse(authorization);
            return keyName.equals(token.keyName()) && SharedAccessSignatures.isSignedWith(token, key);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Answer route(String method, String rawPath, String ifMatch, String body) throws IOException {
        String[] segments = rawPath.split("/");
        if (segments.length != 3) {
            return Answer.error(400, "BadFormat");
        }
        String id = URLDecoder.decode(segments[2].replace("+", "%2B"), StandardCharsets.UTF_8); // '+' is a plus
        ObjectNode device = devices.get(id);
        String match = ifMatch == null ? null : ifMatch.replace("\"", "");
        boolean matches = match == null ? device == null
                : match.equals("*") ? star == Star.CREATES || star == Star.RFC_7232 && device != null
                : device != null && match.equals(device.path("etag").asText());
        switch (segments[1] + " " + method) {
            case "devices GET":
                return device == null ? Answer.error(404, "DeviceNotFound") : new Answer(200, device.toString());
            case "devices PUT":
                if (!matches) {
                    return match == null ? Answer.error(409, "DeviceAlreadyExists")
                            : Answer.error(412, "PreconditionFailed");
                }
                ObjectNode stored = ((ObjectNode) JSON.readTree(body)).put("etag", "e" + etags.incrementAndGet())
                        .put("generationId", "638").put("connectionState", "Disconnected");
                devices.put(id, stored);
                twins.putIfAbsent(id, (ObjectNode) JSON.readTree("{\"tags\":{},\"properties\":{\"desired\":{}}}"));
                return new Answer(200, stored.toString());
            case "devices DELETE":
                if (device == null) {
                    return Answer.error(404, "DeviceNotFound");
                }
                if (!matches) {
                    return Answer.error(412, "PreconditionFailed");
                }
                devices.remove(id);
                twins.remove(id);
                return new Answer(204, "");
            case "twins GET":
                return device == null ? Answer.error(404, "DeviceNotFound") : new Answer(200, twinAsAzureShowsIt(id));
            case "twins PUT":
                if (device == null) {
                    return Answer.error(404, "DeviceNotFound");
                }
                twins.put(id, (ObjectNode) JSON.readTree(body));
                return new Answer(200, twinAsAzureShowsIt(id));
            default:
                return Answer.error(405, "MethodNotAllowed");
        }
    }

    /** The stored twin with the system keys a real hub adds, and reported properties a device would have sent. */
    private String twinAsAzureShowsIt(String id) throws IOException {
        ObjectNode twin = twins.get(id).deepCopy();
        ObjectNode properties = (ObjectNode) twin.path("properties");
        ObjectNode desired = (ObjectNode) properties.path("desired");
        desired.set("$metadata", JSON.readTree(METADATA));
        desired.put("$version", 2);
        properties.set("reported", JSON.readTree("{\"firmware\":\"1.0\",\"$metadata\":" + METADATA
                + ",\"$version\":5}"));
        ObjectNode answer = JSON.createObjectNode().put("deviceId", id).put("etag", "AAAAAAAAAAE=").put("version", 3);
        answer.setAll(twin);
        return answer.toString();
    }

    private record Answer(int status, String body) {
        /** Azure's error body shape (JSVC ErrorMessageParser). */
        static Answer error(int status, String code) {
            return new Answer(status, "{\"Message\":\"ErrorCode:" + code + ";Refused by the fake hub.\","
                    + "\"ExceptionMessage\":\"Tracking ID:0-TimeStamp:01/01/2024 00:00:00\"}");
        }
    }
}
