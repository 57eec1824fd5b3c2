package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsException;

/**
 * The body of a direct method call, {@code POST /twins/{id}/methods}:
 * {@code {"methodName","payload","responseTimeoutInSeconds","connectTimeoutInSeconds"}}, with Azure's ranges for
 * the timeouts (MD direct-methods doc).
 */
public final class DirectMethodJson {
    public static final int DEFAULT_RESPONSE_TIMEOUT = 30;
    public static final int MIN_RESPONSE_TIMEOUT = 5;
    public static final int MAX_TIMEOUT = 300;
    /** A bound of ours, far above any real method name, so that a name is never a way to send a megabyte. */
    public static final int MAX_METHOD_NAME = 1024;

    private DirectMethodJson() {}

    /**
     * @param payload any JSON value, as text; the JSON {@code null} when absent
     */
    public record MethodCall(String methodName, JsonText payload, int responseTimeoutSeconds,
            int connectTimeoutSeconds) {}

    /** @throws DpsException 400 naming the field when the body is not such a call */
    public static MethodCall readCall(byte[] body) {
        JsonFields call = JsonFields.root(JsonBodies.parseObject(body));
        String methodName = call.requiredText("methodName");
        if (methodName.isBlank() || methodName.length() > MAX_METHOD_NAME) {
            throw call.invalid("methodName", "must be 1 to " + MAX_METHOD_NAME + " characters and not blank");
        }
        JsonNode payload = call.node().get("payload");
        return new MethodCall(methodName, payload == null ? new JsonText("null") : JsonBodies.toText(payload),
                seconds(call, "responseTimeoutInSeconds", DEFAULT_RESPONSE_TIMEOUT, MIN_RESPONSE_TIMEOUT),
                seconds(call, "connectTimeoutInSeconds", 0, 0));
    }

    private static int seconds(JsonFields call, String name, int absent, int min) {
        Integer value = call.integer(name);
        if (value == null) {
            return absent;
        }
        if (value < min || value > MAX_TIMEOUT) {
            throw call.invalid(name, "must be between " + min + " and " + MAX_TIMEOUT + " seconds");
        }
        return value;
    }
}
