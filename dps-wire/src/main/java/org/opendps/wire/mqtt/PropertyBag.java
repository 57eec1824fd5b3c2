package org.opendps.wire.mqtt;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The URL-encoded {@code k=v&k2=v2} at the end of hub topics. Three forms of a pair exist: {@code key} (null),
 * {@code key=} (empty) and {@code key=value}. Percent-decoding only: a '+' stays a plus.
 */
public final class PropertyBag {
    private PropertyBag() {}

    /** Pairs in the order given; a key given twice keeps its last value. Malformed escapes are kept as sent. */
    public static Map<String, String> parse(String bag) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (bag == null || bag.isEmpty()) {
            return properties;
        }
        String text = bag.startsWith("?") ? bag.substring(1) : bag;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            properties.put(key, eq < 0 ? null : decode(pair.substring(eq + 1)));
        }
        return properties;
    }

    /** The encoded form, {@code key} for a null value. */
    public static String format(Map<String, String> properties) {
        return properties.entrySet().stream()
                .map(e -> encode(e.getKey()) + (e.getValue() == null ? "" : "=" + encode(e.getValue())))
                .collect(Collectors.joining("&"));
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
