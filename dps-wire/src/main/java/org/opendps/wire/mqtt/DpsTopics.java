package org.opendps.wire.mqtt;

import java.util.Optional;

/**
 * The DPS device topics (protocol/dps-device.md §5): requests on {@code $dps/registrations/PUT/iotdps-register/}
 * and {@code $dps/registrations/GET/iotdps-get-operationstatus/}, replies on
 * {@code $dps/registrations/res/{status}/?$rid=...}. The {@code $rid} is opaque (Java sends integers, Node UUIDs)
 * and goes back exactly as it came.
 */
public final class DpsTopics {
    /** The one filter a DPS device subscribes to. */
    public static final String RESPONSE_FILTER = "$dps/registrations/res/#";

    private static final String REGISTER = "$dps/registrations/PUT/iotdps-register/?";
    private static final String OPERATION_STATUS = "$dps/registrations/GET/iotdps-get-operationstatus/?";

    private DpsTopics() {}

    public enum Kind { REGISTER, OPERATION_STATUS }

    /**
     * A device's request.
     *
     * @param rid as sent, never decoded
     * @param operationId null for a registration
     */
    public record Request(Kind kind, String rid, String operationId) {}

    /** Empty for any other topic, or without a {@code $rid} (or, when polling, an {@code operationId}). */
    public static Optional<Request> parseRequest(String topic) {
        if (topic == null) {
            return Optional.empty();
        }
        if (topic.startsWith(REGISTER)) {
            String rid = rawValue(topic.substring(REGISTER.length()), "$rid");
            return rid == null || rid.isEmpty() ? Optional.empty()
                    : Optional.of(new Request(Kind.REGISTER, rid, null));
        }
        if (topic.startsWith(OPERATION_STATUS)) {
            String query = topic.substring(OPERATION_STATUS.length());
            String rid = rawValue(query, "$rid");
            String operationId = PropertyBag.parse(query).get("operationId");
            return rid == null || rid.isEmpty() || operationId == null || operationId.isEmpty() ? Optional.empty()
                    : Optional.of(new Request(Kind.OPERATION_STATUS, rid, operationId));
        }
        return Optional.empty();
    }

    /**
     * {@code $dps/registrations/res/{status}/?$rid={rid}[&retry-after={s}]}.
     *
     * @param retryAfterSeconds null to leave it out
     */
    public static String response(int status, String rid, Integer retryAfterSeconds) {
        return "$dps/registrations/res/" + status + "/?$rid=" + rid
                + (retryAfterSeconds == null ? "" : "&retry-after=" + retryAfterSeconds);
    }

    private static String rawValue(String query, String key) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(key + "=")) {
                return pair.substring(key.length() + 1);
            }
        }
        return null;
    }
}
