package org.opendps.deviceclient;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.opendps.core.error.DpsException;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.wire.json.ErrorJson;
import org.opendps.wire.json.RegistrationClientJson;

/**
 * DPS registration over HTTPS (protocol/dps-device.md §1) with the JDK's client: {@code PUT .../register}, then
 * {@code GET .../operations/{id}} with the same token after each {@code Retry-After}, until a final status.
 */
public final class HttpsRegistrationTransport implements RegistrationTransport {
    static final String API_VERSION = "2021-06-01";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final ProvisioningEndpoint endpoint;
    private final Duration timeout;
    /** Symmetric-key devices differ only in their tokens, so they share one client and its connections. */
    private volatile HttpClient sharedClient;

    /** @param timeout for the whole registration, polls included */
    public HttpsRegistrationTransport(ProvisioningEndpoint endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    @Override
    public CompletableFuture<RegistrationOperationStatus> register(Registration registration) {
        HttpClient http = registration.credential() instanceof RegistrationCredential.X509
                ? client(registration.credential()) : sharedClient();
        String token = Polling.token(registration);
        HttpRequest put = request(registration, "/register", token)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(
                        RegistrationClientJson.writeRequest(registration.registrationId(), registration.payload())))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        return send(http, put)
                .thenCompose(response -> follow(http, registration, token, response, deadline))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionallyCompose(failure -> CompletableFuture.failedFuture(translate(failure)));
    }

    private CompletableFuture<RegistrationOperationStatus> follow(HttpClient http, Registration registration,
            String token, HttpResponse<byte[]> response, long deadline) {
        RegistrationOperationStatus status = read(response);
        if (!status.assigning() && status.status() != org.opendps.core.registration.RegistrationStatus.UNASSIGNED) {
            return CompletableFuture.completedFuture(status);
        }
        Duration wait = Polling.retryAfter(response.headers().firstValue("Retry-After").orElse(null));
        if (System.nanoTime() + wait.toNanos() > deadline) {
            return CompletableFuture.failedFuture(RegistrationException.of(RegistrationException.Kind.TIMEOUT,
                    "still " + status.status().wireName() + " when the timeout ran out", null));
        }
        HttpRequest poll = request(registration, "/operations/" + encode(status.operationId()), token).GET().build();
        return CompletableFuture.runAsync(() -> { },
                        CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> send(http, poll))
                .thenCompose(next -> follow(http, registration, token, next, deadline));
    }

    private HttpClient sharedClient() {
        HttpClient client = sharedClient;
        if (client == null) {
            synchronized (this) {
                if (sharedClient == null) {
                    sharedClient = client(null);
                }
                client = sharedClient;
            }
        }
        return client;
    }

    /** A certificate is chosen per TLS context, so an X.509 device needs a client of its own. */
    private HttpClient client(RegistrationCredential credential) {
        return HttpClient.newBuilder()
                .sslContext(DeviceTls.context(endpoint, credential))
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    private static CompletableFuture<HttpResponse<byte[]>> send(HttpClient http, HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(Registration registration, String suffix, String token) {
        URI uri = URI.create("https://" + endpoint.authority() + "/" + encode(registration.idScope())
                + "/registrations/" + encode(registration.registrationId()) + suffix + "?api-version=" + API_VERSION);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "opendps-device");
        if (token != null) {
            request.header("Authorization", token);
        }
        return request;
    }

    /** 200 and 202 carry an operation status; anything else Azure's error body, read leniently. */
    private static RegistrationOperationStatus read(HttpResponse<byte[]> response) {
        int code = response.statusCode();
        if (code != 200 && code != 202) {
            ErrorJson.ErrorBody error;
            try {
                error = ErrorJson.read(response.body());
            } catch (DpsException e) {
                error = new ErrorJson.ErrorBody(0, null, null);
            }
            throw RegistrationException.refused(code, error.errorCode(), error.message(),
                    response.headers().firstValue("Retry-After").orElse(null));
        }
        try {
            return RegistrationClientJson.readOperationStatus(response.body());
        } catch (DpsException e) {
            throw RegistrationException.of(RegistrationException.Kind.PROTOCOL,
                    "the service's answer is not a registration status: " + e.getMessage(), null);
        }
    }

    static RegistrationException translate(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RegistrationException registration) {
            return registration;
        }
        if (cause instanceof java.util.concurrent.TimeoutException || cause instanceof HttpTimeoutException) {
            return RegistrationException.of(RegistrationException.Kind.TIMEOUT, "no final answer in time", cause);
        }
        if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            return RegistrationException.of(RegistrationException.Kind.TLS,
                    "TLS handshake failed (is the server's CA trusted? --ca-file): " + cause.getMessage(), cause);
        }
        if (cause instanceof ConnectException || cause instanceof IOException) {
            return RegistrationException.of(RegistrationException.Kind.UNREACHABLE,
                    "cannot connect: " + cause.getMessage(), cause);
        }
        return RegistrationException.of(RegistrationException.Kind.PROTOCOL, String.valueOf(cause), cause);
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        // the JDK 17 client has no close; its threads end once it is unreachable
    }
}
