package org.opendps.cli.http;

import java.net.http.HttpHeaders;
import java.util.Objects;

/** A successful (2xx) answer of the service API. */
public record ServiceResponse(int status, HttpHeaders headers, byte[] body) {
    public ServiceResponse {
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
