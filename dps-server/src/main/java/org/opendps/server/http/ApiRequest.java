package org.opendps.server.http;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An HTTP request as the API handlers see it, detached from Vert.x so that they can run on a worker thread.
 *
 * @param path the raw request path (not decoded), which service SAS tokens may be scoped to
 * @param params the decoded path parameters of the matched route, in order
 * @param headers a case-insensitive header lookup; null when the header is absent
 */
public record ApiRequest(String method, String path, List<String> params, UnaryOperator<String> headers, byte[] body) {
    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        params = List.copyOf(params);
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
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
}
