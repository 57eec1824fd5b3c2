package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * Azure's error body, {@code {"errorCode", "trackingId", "message", "timestampUtc"}}; {@code errorCode / 1000} is
 * the HTTP status.
 */
public final class ErrorJson {
    private ErrorJson() {}

    /** What a client needs of an error body. */
    public record ErrorBody(int errorCode, String message, String trackingId) {}

    public static byte[] write(int errorCode, String message, String trackingId, Instant timestamp) {
        ObjectNode node = JsonBodies.object();
        node.put("errorCode", errorCode);
        JsonBodies.putIfPresent(node, "trackingId", trackingId);
        JsonBodies.putIfPresent(node, "message", message);
        if (timestamp != null) {
            node.put("timestampUtc", Dates.format(timestamp));
        }
        return JsonBodies.toBytes(node);
    }

    /**
     * For the CLI. Lenient, since error bodies may come from a proxy or an older service: a code that is missing or
     * not a number is 0, a text field of another type is null, and {@code Message} (the spelling Java's SDK looks
     * for) is read when {@code message} is absent.
     */
    public static ErrorBody read(byte[] body) {
        ObjectNode root = JsonBodies.parseObject(body);
        String message = JsonFields.looseText(root, "message");
        return new ErrorBody(code(root.get("errorCode")),
                message != null ? message : JsonFields.looseText(root, "Message"),
                JsonFields.looseText(root, "trackingId"));
    }

    private static int code(JsonNode value) {
        if (value != null && value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value != null && value.isTextual()) {
            try {
                return Integer.parseInt(value.textValue().strip());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }
}
