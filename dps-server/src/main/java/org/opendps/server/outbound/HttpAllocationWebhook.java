package org.opendps.server.outbound;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.opendps.core.allocation.AllocationWebhook;
import org.opendps.core.enrollment.CustomAllocationDefinition;
import org.opendps.core.error.DpsError;
import org.opendps.wire.json.AllocationWebhookJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a custom allocation webhook over HTTP(S) with the JDK's client: one POST per call, no retry (the caller
 * schedules those). The webhook URL is used whole, because its query string carries the function key
 * ({@code ?code=...}); for the same reason only its host and path are ever logged, and no message quotes it.
 */
public final class HttpAllocationWebhook implements AllocationWebhook {
    /** Azure documents no timeout; 30 s is the protocol notes' suggestion, and a timeout is retried. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(HttpAllocationWebhook.class);
    private static final String WHO = "The custom allocation webhook";

    private final HttpClient client;
    private final Duration timeout;

    public HttpAllocationWebhook() {
        this(DEFAULT_TIMEOUT, List.of());
    }

    /**
     * @param timeout the most one call may take, from connecting to the end of the response
     * @param extraTrustedCas CAs trusted for HTTPS besides the JDK's defaults (a private CA); may be empty
     */
    public HttpAllocationWebhook(Duration timeout, Collection<X509Certificate> extraTrustedCas) {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(extraTrustedCas, "extraTrustedCas");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.timeout = timeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                // HTTP/1.1 only: the JDK would otherwise offer an h2c upgrade on plain HTTP, which some servers refuse.
                .version(HttpClient.Version.HTTP_1_1)
                // A redirect is an answer other than 200 (400207), and following it would hand the body elsewhere.
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout);
        if (!extraTrustedCas.isEmpty()) {
            builder.sslContext(TrustedCas.defaultsPlus(extraTrustedCas));
        }
        this.client = builder.build();
    }

    @Override
    public Result call(CustomAllocationDefinition definition, Request request) {
        URI uri;
        HttpRequest http;
        try {
            uri = URI.create(definition.webhookUrl());
            http = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(AllocationWebhookJson.writeRequest(request)))
                    .build();
        } catch (IllegalArgumentException e) {
            // Not e's message: it may quote the URL, key and all.
            return new Result.Refused(DpsError.CUSTOM_ALLOCATION_FAILED, WHO + " URL is not a valid http(s) URL.");
        }
        String where = uri.getHost() + uri.getRawPath();
        LOG.debug("Calling the allocation webhook at {} for {}", where, request.registrationId());
        Result result = exchange(http, request.linkedHubs());
        LOG.debug("Allocation webhook at {} for {}: {}", where, request.registrationId(), describe(result));
        return result;
    }

    private Result exchange(HttpRequest http, List<String> linkedHubs) {
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(http, info -> new CappedBody(AllocationWebhookJson.MAX_RESPONSE_BYTES + 1));
        try {
            // The request timeout ends at the response headers; this bound also covers a body that trickles in.
            HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return AllocationWebhookJson.readResponse(response.statusCode(), response.body(), linkedHubs);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return timedOut();
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new Result.TryLater(WHO + " call was interrupted.");
        } catch (ExecutionException e) {
            return failure(e.getCause());
        }
    }

    /** Every network failure may pass (a restarting function app, a rotated certificate), so each is retried. */
    private Result failure(Throwable cause) {
        Throwable failure = cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
        if (failure instanceof HttpTimeoutException) {
            return timedOut();
        }
        if (failure instanceof ConnectException) {
            return new Result.TryLater(WHO + " could not be reached.");
        }
        if (failure instanceof SSLException) {
            return new Result.TryLater(WHO + " failed the TLS handshake.");
        }
        if (failure instanceof IOException) {
            return new Result.TryLater(WHO + " call failed (" + failure.getClass().getSimpleName() + ").");
        }
        throw new IllegalStateException("the allocation webhook call failed unexpectedly", failure);
    }

    private Result timedOut() {
        return new Result.TryLater(WHO + " did not answer within " + timeout.toMillis() + " ms.");
    }

    /** The outcome without the twin or payload, which may hold device data. */
    private static String describe(Result result) {
        if (result instanceof Result.Allocated allocated) {
            return "allocated to " + allocated.iotHubHostName();
        }
        if (result instanceof Result.Refused refused) {
            return refused.error().code() + " " + refused.message();
        }
        return "try later: " + ((Result.TryLater) result).reason();
    }
}
