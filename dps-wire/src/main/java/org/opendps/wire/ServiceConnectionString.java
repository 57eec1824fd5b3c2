package org.opendps.wire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@code HostName=..;SharedAccessKeyName=..;SharedAccessKey=..}, the form every Azure service client logs in
 * with. The key is never part of a message or of {@link #toString()}.
 *
 * @param hostName as given, possibly with a port (the Azure CLI accepts one; the Java and Node SDKs do not)
 */
public record ServiceConnectionString(String hostName, String keyName, String key) {
    private static final String HOST_NAME = "HostName";
    private static final String KEY_NAME = "SharedAccessKeyName";
    private static final String KEY = "SharedAccessKey";

    public ServiceConnectionString {
        requireValue(HOST_NAME, hostName);
        requireValue(KEY_NAME, keyName);
        requireValue(KEY, key);
    }

    /**
     * Part names compare case-insensitively here (Java's SDK is stricter), parts come in any order, a value may
     * itself contain {@code =} (base64 padding), and parts of other names are ignored.
     *
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static ServiceConnectionString parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The connection string is empty.");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue; // a trailing ';' is common
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "The connection string has a part that is not Name=value; expected HostName=..;"
                                + "SharedAccessKeyName=..;SharedAccessKey=..");
            }
            String name = canonical(part.substring(0, eq).strip());
            if (name != null && parts.put(name, part.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("The connection string names " + name + " twice.");
            }
        }
        return new ServiceConnectionString(
                part(parts, HOST_NAME), part(parts, KEY_NAME), part(parts, KEY));
    }

    public String format() {
        return HOST_NAME + "=" + hostName + ";" + KEY_NAME + "=" + keyName + ";" + KEY + "=" + key;
    }

    @Override
    public String toString() {
        return HOST_NAME + "=" + hostName + ";" + KEY_NAME + "=" + keyName;
    }

    private static String part(Map<String, String> parts, String name) {
        String value = parts.get(name);
        requireValue(name, value);
        return value;
    }

    private static void requireValue(String name, String value) {
        if (Objects.requireNonNullElse(value, "").isEmpty()) {
            throw new IllegalArgumentException("The connection string has no " + name + ".");
        }
    }

    /** The part's name as Azure spells it; null for a part this string does not use (it is ignored). */
    private static String canonical(String name) {
        for (String known : new String[] {HOST_NAME, KEY_NAME, KEY}) {
            if (known.equalsIgnoreCase(name)) {
                return known;
            }
        }
        return null;
    }
}
