package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opendps.core.error.DpsException;

/**
 * The body of {@code POST /messages/deviceBound}, an OpenDPS extension standing in for the AMQP link Azure's
 * service clients send cloud-to-device messages on: {@code {"deviceId","body","properties"?,"messageId"?,
 * "correlationId"?}}. The body is text (UTF-8 to the device); properties are string to string.
 */
public final class CloudToDeviceJson {
    /** Azure's limit of a cloud-to-device message. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private CloudToDeviceJson() {}

    /** @param properties the application properties, in the order given */
    public record CloudToDeviceMessage(String deviceId, byte[] body, Map<String, String> properties,
            String messageId, String correlationId) {}

    /** @throws DpsException 400 naming the field when the body is not such a message */
    public static CloudToDeviceMessage read(byte[] json) {
        JsonFields message = JsonFields.root(JsonBodies.parseObject(json));
        String deviceId = message.requiredText("deviceId");
        byte[] body = message.requiredText("body").getBytes(StandardCharsets.UTF_8);
        if (body.length > MAX_BODY_BYTES) {
            throw message.invalid("body", "must be at most " + MAX_BODY_BYTES + " bytes");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        JsonFields bag = message.object("properties");
        if (bag != null) {
            for (Map.Entry<String, JsonNode> property : bag.node().properties()) {
                if (!property.getValue().isTextual() || property.getKey().startsWith("$")) {
                    throw bag.invalid(property.getKey(), "must be a string, under a name not starting with $");
                }
                properties.put(property.getKey(), property.getValue().asText());
            }
        }
        return new CloudToDeviceMessage(deviceId, body, properties, message.text("messageId"),
                message.text("correlationId"));
    }
}
