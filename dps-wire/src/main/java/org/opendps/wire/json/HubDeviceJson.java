package org.opendps.wire.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;

/**
 * Device identities and twins as the IoT Hub service REST API (api-version 2021-04-12) takes and gives them.
 * Readers throw {@link IllegalArgumentException} with a message of ours that never quotes the body: a device's
 * body holds its keys.
 */
public final class HubDeviceJson {
    /** Twins come back with {@code $metadata} on every leaf, which can make them several times their 72 KB limit. */
    public static final int MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

    private static final String METADATA = "$metadata";
    private static final String VERSION = "$version";
    private static final Pattern ERROR_CODE = Pattern.compile("ErrorCode:([A-Za-z0-9]{1,64})");
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxDocumentLength(MAX_RESPONSE_BYTES)
                            .build())
                    .build())
            // Twin values pass through as the hub holds them: no double rounding, no lost trailing zeros.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private HubDeviceJson() {}

    /** The body of {@code PUT /devices/{id}}: only what the service decides; the hub fills in the rest. */
    public static byte[] writeDevice(DeviceIdentity identity) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("deviceId", identity.deviceId());
        body.put("status", identity.enabled() ? "enabled" : "disabled");
        ObjectNode authentication = body.putObject("authentication");
        if (identity.authentication() instanceof DeviceAuthentication.SymmetricKey keys) {
            authentication.put("type", "sas");
            ObjectNode symmetricKey = authentication.putObject("symmetricKey");
            JsonBodies.putIfPresent(symmetricKey, "primaryKey", keys.primaryKey());
            JsonBodies.putIfPresent(symmetricKey, "secondaryKey", keys.secondaryKey());
        } else if (identity.authentication() instanceof DeviceAuthentication.X509Thumbprint x509) {
            authentication.put("type", "selfSigned");
            ObjectNode thumbprint = authentication.putObject("x509Thumbprint");
            JsonBodies.putIfPresent(thumbprint, "primaryThumbprint", x509.primaryThumbprint());
            JsonBodies.putIfPresent(thumbprint, "secondaryThumbprint", x509.secondaryThumbprint());
        } else {
            // As the Java service client sends it: the type alone, no keys and no thumbprints.
            authentication.put("type", "certificateAuthority");
        }
        body.putObject("capabilities").put("iotEdge", identity.iotEdge());
        return write(body);
    }

    /**
     * A device as {@code GET /devices/{id}} answers it. Like the Java service client, this requires
     * {@code deviceId} and {@code authentication}; status is read in any case (the Java client writes "Enabled"),
     * and a device without one is enabled, as the hub makes it.
     *
     * @throws IllegalArgumentException when the body is not such a device, or its authentication type is one a
     *     {@link DeviceIdentity} cannot hold ({@code none})
     */
    public static DeviceIdentity readDevice(byte[] body) {
        ObjectNode device = parseObject(body, "device");
        String deviceId = text(device, "deviceId");
        if (deviceId == null || deviceId.isEmpty()) {
            throw new IllegalArgumentException("The hub's device has no deviceId.");
        }
        String status = text(device, "status");
        boolean enabled = status == null || status.equalsIgnoreCase("enabled");
        if (!enabled && !status.equalsIgnoreCase("disabled")) {
            throw new IllegalArgumentException("The hub's device has a status that is neither enabled nor disabled.");
        }
        JsonNode capabilities = device.get("capabilities");
        boolean iotEdge = capabilities != null && capabilities.path("iotEdge").asBoolean(false);
        return new DeviceIdentity(deviceId, authentication(device.get("authentication")), iotEdge, enabled);
    }

    /** The device's etag as sent, or null when the body has none (or is not a device). */
    public static String readEtag(byte[] body) {
        try {
            String etag = text(parseObject(body, "device"), "etag");
            return etag == null || etag.isEmpty() ? null : etag;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The body of {@code PUT /twins/{id}}: tags and desired properties, each replaced whole, so absent ones are
     * sent empty (a reset must clear them). Reported properties are never sent: the service API cannot write
     * them. {@code $metadata} and {@code $version}, which the hub keeps itself, are dropped at every level.
     */
    public static byte[] writeTwin(DeviceTwin twin) {
        ObjectNode given = parseGivenTwin(twin.json());
        ObjectNode body = MAPPER.createObjectNode();
        body.set("tags", section(given, "tags"));
        body.putObject("properties").set("desired", section(given.path("properties"), "desired"));
        return write(body);
    }

    /**
     * A twin as {@code GET /twins/{id}} answers it, as
     * {@code {"tags":{..},"properties":{"desired":{..},"reported":{..}}}} without {@code $metadata} and
     * {@code $version} at any level; {@code reported} only when the hub gave it.
     */
    public static DeviceTwin readTwin(byte[] body) {
        ObjectNode given = parseObject(body, "twin");
        ObjectNode twin = MAPPER.createObjectNode();
        twin.set("tags", section(given, "tags"));
        ObjectNode properties = twin.putObject("properties");
        properties.set("desired", section(given.path("properties"), "desired"));
        if (given.path("properties").path("reported").isObject()) {
            properties.set("reported", section(given.path("properties"), "reported"));
        }
        return new DeviceTwin(new JsonText(new String(write(twin), StandardCharsets.UTF_8)));
    }

    /**
     * The error code of a hub's error body ({@code {"Message":"ErrorCode:DeviceNotFound;..."}}), or null. Only
     * the code is taken: the rest of the message is the hub's free text, not ours to repeat.
     */
    public static String errorCode(byte[] body) {
        try {
            ObjectNode error = parseObject(body, "error");
            String message = text(error, "Message");
            Matcher matcher = ERROR_CODE.matcher(message == null ? "" : message);
            return matcher.find() ? matcher.group(1) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static DeviceAuthentication authentication(JsonNode authentication) {
        if (authentication == null || !authentication.isObject()) {
            throw new IllegalArgumentException("The hub's device has no authentication.");
        }
        String type = authentication.path("type").asText("");
        switch (type.toLowerCase(Locale.ROOT)) {
            case "sas":
                JsonNode keys = authentication.path("symmetricKey");
                return new DeviceAuthentication.SymmetricKey(text(keys, "primaryKey"), text(keys, "secondaryKey"));
            case "selfsigned":
                JsonNode thumbprint = authentication.path("x509Thumbprint");
                return new DeviceAuthentication.X509Thumbprint(
                        text(thumbprint, "primaryThumbprint"), text(thumbprint, "secondaryThumbprint"));
            case "certificateauthority":
                return new DeviceAuthentication.CertificateAuthority();
            default:
                // Only the type's name is quoted, and only when it looks like one.
                String shown = type.matches("[A-Za-z]{1,32}") ? "'" + type + "'"
                        : "that is not sas, selfSigned or certificateAuthority";
                throw new IllegalArgumentException("The hub's device has authentication type " + shown
                        + ", which OpenDPS cannot represent (only sas, selfSigned and certificateAuthority).");
        }
    }

    /** A copy of the named object member without system keys; an empty object when absent or null. */
    private static ObjectNode section(JsonNode parent, String name) {
        JsonNode value = parent.get(name);
        if (value == null || value.isNull()) {
            return MAPPER.createObjectNode();
        }
        if (!value.isObject()) {
            throw new IllegalArgumentException("The twin's " + name + " is not a JSON object.");
        }
        ObjectNode copy = ((ObjectNode) value).deepCopy();
        stripSystemKeys(copy);
        return copy;
    }

    private static void stripSystemKeys(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).remove(METADATA);
            ((ObjectNode) node).remove(VERSION);
        }
        if (node.isContainerNode()) {
            node.forEach(HubDeviceJson::stripSystemKeys);
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    private static ObjectNode parseObject(byte[] body, String what) {
        JsonNode node;
        try {
            node = body == null ? null : MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("The hub's " + what + " is not valid JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("The hub's " + what + " is not a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** The service's own twin text, checked when it came in; its form is still verified, as it may be migrated. */
    private static ObjectNode parseGivenTwin(JsonText twin) {
        try {
            JsonNode node = MAPPER.readTree(twin.json());
            if (node != null && node.isObject()) {
                return (ObjectNode) node;
            }
        } catch (JsonProcessingException e) {
            // reported below, without the text
        }
        throw new IllegalArgumentException("The twin to write is not a JSON object.");
    }

    private static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree could not be written", e);
        }
    }
}
