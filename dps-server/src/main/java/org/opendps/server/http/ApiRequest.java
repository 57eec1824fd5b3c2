package org.opendps.server.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An HTTP request as the API handlers see it, detached from Vert.x so that they can run on a worker thread.
 *
 * @param path the raw request path (not decoded), which service SAS tokens may be scoped to
 * @param params the decoded path parameters of the matched route, in order
 * @param headers a case-insensitive header lookup; null when the header is absent
 * @param query the raw query string without '?' (not decoded); null when there is none
 * @param clientCertificates the chain the TLS client presented, its own certificate first; empty when none
 */
public record ApiRequest(String method, String path, List<String> params, UnaryOperator<String> headers, byte[] body,
        String query, List<X509Certificate> clientCertificates) {
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        params = List.copyOf(params);
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
        clientCertificates = clientCertificates == null ? List.of() : List.copyOf(clientCertificates);
    }

    public ApiRequest(String method, String path, List<String> params, UnaryOperator<String> headers, byte[] body,
            String query) {
        this(method, path, params, headers, body, query, List.of());
    }

    public ApiRequest(String method, String path, List<String> params, UnaryOperator<String> headers, byte[] body) {
        this(method, path, params, headers, body, null);
    }

    public String header(String name) {
        return headers.apply(name);
    }

    public String param(int index) {
        return params.get(index);
    }

    /** An integer header, or null when absent or not a number (clients treat these headers as optional). */
    public Integer intHeader(String name) {
        String value = header(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The first value of a query parameter, form-decoded, or null when absent. Names compare case-insensitively:
     * clients differ in how they spell them, and none of ours differ only in case.
     */
    public String queryParam(String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (decode(key).equalsIgnoreCase(name)) {
                return eq < 0 ? "" : decode(pair.substring(eq + 1));
            }
        }
        return null;
    }

    /** A malformed escape is kept as sent: the parameters read here are flags, never identifiers. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
