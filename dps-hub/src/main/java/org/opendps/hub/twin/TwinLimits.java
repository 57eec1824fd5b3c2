package org.opendps.hub.twin;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Map;
import org.opendps.core.error.DpsException;

/**
 * IoT Hub's limits on twin content (iot-hub-devguide-device-twins, quotas and throttling), checked on the whole
 * section a write would store, so that nothing is stored when any of them fails. Each failure is a 400 that names
 * the key path, e.g. {@code properties.desired.a.b}; keys cannot hold a dot, so the path is unambiguous.
 */
final class TwinLimits {
    static final int MAX_DEPTH = 10;
    static final int MAX_KEY_BYTES = 1024;
    static final int MAX_STRING_BYTES = 4 * 1024;
    static final int MAX_TAGS_BYTES = 8 * 1024;
    static final int MAX_DESIRED_BYTES = 32 * 1024;
    static final int MAX_REPORTED_BYTES = 32 * 1024;
    static final BigInteger MIN_INTEGER = BigInteger.valueOf(-4503599627370496L);
    static final BigInteger MAX_INTEGER = BigInteger.valueOf(4503599627370495L);

    private TwinLimits() {}

    /**
     * @param path the section as clients name it: {@code tags}, {@code properties.desired}, {@code properties.reported}
     * @param section its values, without {@code $metadata} and {@code $version}, which the size excludes
     */
    static void check(String path, JsonNode section, int maxBytes) {
        checkNode(path, section, 0);
        int size = TwinJson.utf8Length(TwinJson.write(section));
        if (size > maxBytes) {
            throw DpsException.invalidField(path, size + " bytes of JSON, more than the " + maxBytes
                    + " allowed (" + maxBytes / 1024 + " KB, not counting $metadata and $version)");
        }
    }

    /** @param depth how many objects or arrays {@code node} is nested in below the section; the section is 0 */
    private static void checkNode(String path, JsonNode node, int depth) {
        if (node.isContainerNode() && depth > MAX_DEPTH) {
            throw DpsException.invalidField(path, "nested deeper than " + MAX_DEPTH + " levels");
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> member : node.properties()) {
                checkKey(path, member.getKey());
                checkNode(path + "." + member.getKey(), member.getValue(), depth + 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkNode(path + "[" + i + "]", node.get(i), depth + 1);
            }
        } else if (node.isTextual() && TwinJson.utf8Length(node.textValue()) > MAX_STRING_BYTES) {
            throw DpsException.invalidField(path, "a string value longer than " + MAX_STRING_BYTES + " bytes (UTF-8)");
        } else if (node.isIntegralNumber()) {
            BigInteger value = node.bigIntegerValue();
            if (value.compareTo(MIN_INTEGER) < 0 || value.compareTo(MAX_INTEGER) > 0) {
                throw DpsException.invalidField(path, "integers must be between " + MIN_INTEGER + " and "
                        + MAX_INTEGER);
            }
        }
    }

    /** A key is quoted in messages only once it is known to be printable, and then shortened. */
    private static void checkKey(String parent, String key) {
        if (key.isEmpty()) {
            throw DpsException.invalidField(parent, "has an empty key");
        }
        if (TwinJson.utf8Length(key) > MAX_KEY_BYTES) {
            throw DpsException.invalidField(parent, "has a key longer than " + MAX_KEY_BYTES + " bytes (UTF-8)");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw DpsException.invalidField(parent, "has a key holding the control character U+"
                        + String.format("%04X", (int) key.charAt(i)) + "; keys may not hold control characters");
            }
        }
        for (char forbidden : new char[] {'.', '$', ' '}) {
            if (key.indexOf(forbidden) >= 0) {
                String shown = key.length() > 64 ? key.substring(0, 64) + "..." : key;
                throw DpsException.invalidField(parent, "key '" + shown + "' holds '" + forbidden
                        + "'; keys may not hold '.', '$' or spaces");
            }
        }
    }
}
