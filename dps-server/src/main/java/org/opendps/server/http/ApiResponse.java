package org.opendps.server.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What an API handler answers: status, extra headers and a body (JSON unless empty). */
public record ApiResponse(int status, Map<String, String> headers, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";

    public ApiResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static ApiResponse json(int status, byte[] body) {
        return new ApiResponse(status, Map.of("Content-Type", JSON), body);
    }

    public static ApiResponse ok(byte[] body) {
        return json(200, body);
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, Map.of(), null);
    }

    public ApiResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiResponse(status, more, body);
    }

    @Override
    public String toString() {
        return "ApiResponse[" + status + ", " + new String(body, StandardCharsets.UTF_8).length() + " chars]";
    }
}
