package org.opendps.wire.sas;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.security.SasToken;

/**
 * Reads {@code SharedAccessSignature sr=..&sig=..&se=..&skn=..} as the clients send it: fields in any order
 * (Node puts skn before se), {@code sr} raw or URL-encoded (kept exactly as sent, since the signature covers that
 * form), {@code skn} empty (Java devices) or absent. Messages never repeat the signature.
 */
public final class SasTokenParser {
    private static final String PREFIX = "SharedAccessSignature";
    private static final int MAX_LENGTH = 4096;

    private SasTokenParser() {}

    /** @param authorizationHeader the Authorization header value, or an MQTT password */
    public static SasToken parse(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw invalid("No shared access signature was given.");
        }
        if (authorizationHeader.length() > MAX_LENGTH) {
            throw invalid("The shared access signature is longer than " + MAX_LENGTH + " characters.");
        }
        String value = authorizationHeader.strip();
        if (!value.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                || value.length() == PREFIX.length() || !Character.isWhitespace(value.charAt(PREFIX.length()))) {
            throw invalid("The authorization is not a SharedAccessSignature.");
        }
        Map<String, String> fields = fields(value.substring(PREFIX.length()).strip());
        String sr = required(fields, "sr");
        String sig = decode(required(fields, "sig").replace("+", "%2B"), "sig");
        String skn = fields.containsKey("skn") ? decode(fields.get("skn"), "skn") : null;
        return new SasToken(sr, sig, expiry(required(fields, "se")), skn);
    }

    private static Map<String, String> fields(String text) {
        Map<String, String> fields = new HashMap<>();
        for (String field : text.split("&")) {
            if (field.isEmpty()) {
                continue;
            }
            int eq = field.indexOf('=');
            if (eq <= 0) {
                throw invalid("The shared access signature has a field that is not name=value.");
            }
            String name = field.substring(0, eq).toLowerCase(Locale.ROOT);
            if (fields.put(name, field.substring(eq + 1)) != null && isKnown(name)) {
                throw invalid("The shared access signature has '" + name + "' twice.");
            }
        }
        return fields;
    }

    private static boolean isKnown(String name) {
        return name.equals("sr") || name.equals("sig") || name.equals("se") || name.equals("skn");
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw invalid("The shared access signature has no '" + name + "'.");
        }
        return value;
    }

    /** Percent-decoding only: a '+' in base64 is a plus, never a space. */
    private static String decode(String value, String name) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("The shared access signature's '" + name + "' is not correctly URL-encoded.");
        }
    }

    private static long expiry(String se) {
        try {
            return Long.parseLong(se);
        } catch (NumberFormatException e) {
            throw invalid("The shared access signature's 'se' must be seconds since 1970 (an integer).");
        }
    }

    private static DpsException invalid(String message) {
        return new DpsException(DpsError.INVALID_TOKEN, message);
    }
}
