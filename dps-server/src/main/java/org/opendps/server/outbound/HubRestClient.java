package org.opendps.server.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.opendps.core.hub.HubGateway.HubException;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.wire.json.HubDeviceJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport under {@link RestHubGateway}: one signed HTTP exchange with a hub's service API, any status
 * returned as a value and every failure to get one as a retryable {@link HubException}. What a status means is
 * the gateway's business. Nothing here logs or quotes the key or the token.
 */
final class HubRestClient {
    static final String API_VERSION = "2021-04-12";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    /** A token is renewed this long before it expires, so that none lapses in flight or on a skewed hub clock. */
    static final Duration TOKEN_RENEWAL = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(HubRestClient.class);
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A hub's answer; the body is at most {@link HubDeviceJson#MAX_RESPONSE_BYTES}. */
    record Reply(int status, byte[] body) {}

    private final Function<LinkedHub, URI> baseUri;
    private final Duration requestTimeout;
    private final Clock clock;
    private final HttpClient client;
    private final ConcurrentHashMap<String, Token> tokens = new ConcurrentHashMap<>();

    HubRestClient(Function<LinkedHub, URI> baseUri, Duration connectTimeout, Duration requestTimeout,
            Collection<X509Certificate> extraTrustedCas, Clock clock) {
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        this.requestTimeout = positive(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // what the Azure service SDKs speak; no h2c upgrade on http
                .followRedirects(HttpClient.Redirect.NEVER) // a hub never redirects; following would resend the token
                .connectTimeout(positive(connectTimeout, "connectTimeout"));
        if (!Objects.requireNonNull(extraTrustedCas, "extraTrustedCas").isEmpty()) {
            builder.sslContext(TrustedCas.defaultsPlus(extraTrustedCas));
        }
        this.client = builder.build();
    }

    /**
     * @param path already encoded, e.g. {@code /devices/dev%231}
     * @param body null for none
     * @param ifMatch null for none
     */
    Reply send(LinkedHub hub, String method, String path, byte[] body, String ifMatch) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(hub, path))
                .timeout(requestTimeout)
                .header("Authorization", authorization(hub))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request.build(), info -> new CappedBody(HubDeviceJson.MAX_RESPONSE_BYTES + 1));
        try {
            // The request timeout ends at the response headers; this bound also covers a body that trickles in.
            HttpResponse<byte[]> response = pending.get(requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.debug("{} {} on hub {}: {} in {} ms", method, path, hub.hostName(), response.statusCode(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            if (response.body().length > HubDeviceJson.MAX_RESPONSE_BYTES) {
                throw new HubException(who(hub) + " answered " + method + " " + path + " with more than "
                        + HubDeviceJson.MAX_RESPONSE_BYTES / (1024 * 1024) + " MiB.", false, null);
            }
            return new Reply(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(hub, method, path);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new HubException("A call to " + who(hub) + " was interrupted.", true, e);
        } catch (ExecutionException e) {
            throw networkFailure(hub, method, path, e.getCause());
        }
    }

    static String who(LinkedHub hub) {
        return "IoT hub " + hub.hostName();
    }

    /**
     * Percent-encodes all but RFC 3986's unreserved characters: device IDs may hold {@code + % # ? $ '} and more.
     * An ID of dots alone is encoded whole, or it would read as a dot-segment that clients and servers remove.
     */
    static String encodePathSegment(String deviceId) {
        if (deviceId == null || deviceId.isEmpty()) {
            throw new IllegalArgumentException("deviceId is required");
        }
        boolean dotsOnly = deviceId.chars().allMatch(c -> c == '.');
        StringBuilder out = new StringBuilder();
        for (byte b : deviceId.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            boolean unreserved = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                    || c == '-' || c == '_' || c == '~' || c == '.' && !dotsOnly;
            if (unreserved) {
                out.append(c);
            } else {
                out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
            }
        }
        return out.toString();
    }

    /** Every network failure may pass (a restarting hub, a network blip), so each is retryable. */
    private HubException networkFailure(LinkedHub hub, String method, String path, Throwable failure) {
        if (failure instanceof HttpTimeoutException) {
            return timedOut(hub, method, path);
        }
        if (failure instanceof IOException) {
            return new HubException(who(hub) + " could not be reached for " + method + " " + path + " ("
                    + failure.getClass().getSimpleName() + ").", true, failure);
        }
        return new HubException("A call to " + who(hub) + " failed unexpectedly.", false, failure);
    }

    private HubException timedOut(LinkedHub hub, String method, String path) {
        return new HubException(who(hub) + " did not answer " + method + " " + path + " within "
                + requestTimeout.toMillis() + " ms.", true, null);
    }

    private URI uri(LinkedHub hub, String path) {
        try {
            String base = baseUri.apply(hub).toString();
            base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
            return URI.create(base + path + "?api-version=" + API_VERSION);
        } catch (IllegalArgumentException e) {
            throw new HubException(who(hub) + " has no valid service API address.", false, null);
        }
    }

    /** One token per hub, made anew when it nears expiry or when the hub's policy or key changed. */
    private String authorization(LinkedHub hub) {
        Instant now = clock.instant();
        return tokens.compute(hub.hostName().toLowerCase(Locale.ROOT), (host, cached) ->
                cached != null && cached.isFor(hub) && now.isBefore(cached.renewAt()) ? cached : token(hub, now))
                .value();
    }

    private static Token token(LinkedHub hub, Instant now) {
        Instant expiry = now.plus(TOKEN_LIFETIME);
        try {
            String value = SharedAccessSignatures.createToken(
                    hub.hostName(), hub.keyName(), hub.key(), expiry.getEpochSecond());
            return new Token(hub.keyName(), hub.key(), value, expiry.minus(TOKEN_RENEWAL));
        } catch (IllegalArgumentException e) { // not base64; the decoder's message would quote part of the key
            throw new HubException("The key of " + who(hub) + " is not valid base64.", false, null);
        }
    }

    private static Duration positive(Duration value, String name) {
        if (Objects.requireNonNull(value, name).isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    private record Token(String keyName, String key, String value, Instant renewAt) {
        boolean isFor(LinkedHub hub) {
            return keyName.equals(hub.keyName()) && key.equals(hub.key());
        }

        @Override
        public String toString() {
            return "Token[" + keyName + ", renew at " + renewAt + "]"; // never the key or the signature
        }
    }
}
