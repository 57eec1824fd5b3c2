package org.opendps.deviceclient;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code $dps/registrations/res/{status}/?$rid={rid}[&retry-after={s}]}: the HTTP status of an MQTT answer, the
 * request it answers and when to ask again.
 *
 * @param retryAfter seconds as sent; null when absent
 */
record ResponseTopic(int status, String requestId, String retryAfter) {
    private static final String PREFIX = "$dps/registrations/res/";

    /** Null when the topic is not a DPS response. */
    static ResponseTopic parse(String topic) {
        if (!topic.startsWith(PREFIX)) {
            return null;
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return null;
        }
        int status;
        try {
            status = Integer.parseInt(rest.substring(0, slash));
        } catch (NumberFormatException e) {
            return null;
        }
        String query = rest.substring(slash + 1);
        query = query.startsWith("?") ? query.substring(1) : query;
        String requestId = null;
        String retryAfter = null;
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (name.equals("$rid")) {
                requestId = value;
            } else if (name.equalsIgnoreCase("retry-after")) {
                retryAfter = value;
            }
        }
        return new ResponseTopic(status, requestId, retryAfter);
    }
}
