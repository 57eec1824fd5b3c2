package org.opendps.cli.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.connection.Connection;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * The service API over HTTPS with the JDK's client: every request signed with a fresh one-hour token and tagged
 * with the api-version; any answer but 2xx becomes a {@link CliException} with its exit code.
 */
public final class ServiceClient {
    public static final String API_VERSION = "2021-10-01";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String JSON = "application/json; charset=utf-8";

    private final Connection connection;
    private final HttpClient http;
    private final Clock clock;

    public ServiceClient(Connection connection, HttpClient http, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public static ServiceClient open(Connection connection) {
        HttpClient http = HttpClient.newBuilder()
                .sslContext(TrustedCertificates.sslContext(connection.caCertificate()))
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        return new ServiceClient(connection, http, Clock.systemUTC());
    }

    public Connection connection() {
        return connection;
    }

    public ServiceResponse get(String path) {
        return send("GET", path, null, Map.of());
    }

    /** @param ifMatch null for none (a PUT without If-Match creates and fails with 409 when the id is taken) */
    public ServiceResponse put(String path, byte[] body, String ifMatch) {
        return send("PUT", path, body, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    public ServiceResponse post(String path, byte[] body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    /** @param ifMatch null for an unconditional delete */
    public ServiceResponse delete(String path, String ifMatch) {
        return send("DELETE", path, null, ifMatch == null ? Map.of() : Map.of("If-Match", ifMatch));
    }

    public ServiceResponse send(String method, String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", token())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", JSON);
        }
        headers.forEach(request::header);
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ServiceErrors.unreachable(connection.endpoint(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.SERVER, "interrupted while waiting for " + connection.endpoint());
        }
        if (ExitCode.forHttpStatus(response.statusCode()) != ExitCode.OK) {
            throw ServiceErrors.fromResponse(response.statusCode(), response.body());
        }
        return new ServiceResponse(response.statusCode(), response.headers(), response.body());
    }

    /** The endpoint (with any base path it has) plus the path (which may bring a query) and the api-version. */
    URI uri(String path) {
        String base = connection.endpoint().toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        // Some paths carry their own query parameters (?deprovision=...); api-version joins them.
        return URI.create(base + path + (path.indexOf('?') < 0 ? "?" : "&") + "api-version=" + API_VERSION);
    }

    private String token() {
        long expiry = clock.instant().plus(TOKEN_LIFETIME).getEpochSecond();
        return SharedAccessSignatures.createToken(connection.hostName(), connection.keyName(), connection.key(),
                expiry);
    }

    /** {@code /a/b/c} with each segment percent-encoded: ids may hold {@code :} and other reserved characters. */
    public static String path(String... segments) {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }
}
