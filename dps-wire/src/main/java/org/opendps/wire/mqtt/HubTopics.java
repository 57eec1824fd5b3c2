package org.opendps.wire.mqtt;

import java.util.Map;

/**
 * The device-facing topics of a hub (protocol/iothub.md §1). The Java device client splits topics on '/' and
 * expects the status as token 3, {@code ?$rid=} as token 4 and {@code ?$version=} as token 5, so the topics this
 * class makes keep exactly that shape.
 */
public final class HubTopics {
    private static final String TWIN_GET = "$iothub/twin/GET/";
    private static final String TWIN_REPORTED = "$iothub/twin/PATCH/properties/reported/";
    private static final String METHOD_RESPONSE = "$iothub/methods/res/";

    /** The filters a device may subscribe to besides its own cloud-to-device one. */
    private static final java.util.Set<String> HUB_FILTERS = java.util.Set.of("$iothub/twin/res/#",
            "$iothub/twin/PATCH/properties/desired/#", "$iothub/methods/POST/#");

    private HubTopics() {}

    /** What a device's subscription filter is, seen from the device {@code deviceId}. */
    public enum Filter { ALLOWED, FOREIGN, UNSUPPORTED }

    public static Filter classifyFilter(String filter, String deviceId) {
        if (filter == null || filter.isEmpty()) {
            return Filter.UNSUPPORTED;
        }
        if (HUB_FILTERS.contains(filter)) {
            return Filter.ALLOWED;
        }
        if (!filter.startsWith("devices/") && !filter.startsWith("#") && !filter.startsWith("+")) {
            return Filter.UNSUPPORTED;
        }
        String[] segments = filter.split("/", -1);
        if (segments.length < 2 || !segments[0].equals("devices") || !segments[1].equals(deviceId)) {
            return Filter.FOREIGN; // a wildcard in the device position reaches other devices too
        }
        return filter.equals("devices/" + deviceId + "/messages/devicebound/#") ? Filter.ALLOWED : Filter.UNSUPPORTED;
    }

    /** What a device published to. */
    public enum Kind { TELEMETRY, TWIN_GET, TWIN_REPORTED, METHOD_RESPONSE, FOREIGN, UNSUPPORTED }

    /**
     * A device's publish topic, parsed.
     *
     * @param rid the request id, null when absent
     * @param version {@code $version} of a reported patch, null when absent or not a number
     * @param status a method response's status, 0 otherwise
     * @param properties telemetry's property bag, or the topic's query
     */
    public record Publish(Kind kind, String rid, Long version, int status, Map<String, String> properties) {
        static Publish of(Kind kind) {
            return new Publish(kind, null, null, 0, Map.of());
        }
    }

    public static Publish parsePublish(String topic, String deviceId) {
        if (topic == null) {
            return Publish.of(Kind.UNSUPPORTED);
        }
        if (topic.startsWith("devices/")) {
            return telemetry(topic, deviceId);
        }
        if (topic.startsWith(TWIN_GET)) {
            return request(Kind.TWIN_GET, topic.substring(TWIN_GET.length()), 0);
        }
        if (topic.startsWith(TWIN_REPORTED)) {
            return request(Kind.TWIN_REPORTED, topic.substring(TWIN_REPORTED.length()), 0);
        }
        if (topic.startsWith(METHOD_RESPONSE)) {
            String rest = topic.substring(METHOD_RESPONSE.length());
            int slash = rest.indexOf('/');
            Integer status = slash < 0 ? null : parseStatus(rest.substring(0, slash));
            return status == null ? Publish.of(Kind.UNSUPPORTED)
                    : request(Kind.METHOD_RESPONSE, rest.substring(slash + 1), status);
        }
        return Publish.of(Kind.UNSUPPORTED);
    }

    private static Publish telemetry(String topic, String deviceId) {
        String own = "devices/" + deviceId + "/messages/events";
        if (!topic.startsWith("devices/" + deviceId + "/")) {
            return Publish.of(Kind.FOREIGN);
        }
        if (topic.equals(own)) {
            return new Publish(Kind.TELEMETRY, null, null, 0, Map.of());
        }
        if (!topic.startsWith(own + "/")) {
            return Publish.of(Kind.UNSUPPORTED);
        }
        return new Publish(Kind.TELEMETRY, null, null, 0, PropertyBag.parse(topic.substring(own.length() + 1)));
    }

    private static Publish request(Kind kind, String query, int status) {
        if (!query.startsWith("?")) {
            return Publish.of(Kind.UNSUPPORTED);
        }
        Map<String, String> properties = PropertyBag.parse(query);
        String rid = properties.get("$rid");
        if (rid == null || rid.isEmpty()) {
            return Publish.of(Kind.UNSUPPORTED);
        }
        return new Publish(kind, rid, parseLong(properties.get("$version")), status, properties);
    }

    private static Integer parseStatus(String text) {
        try {
            int status = Integer.parseInt(text);
            return status >= 100 && status <= 999 ? status : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long parseLong(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code $iothub/twin/res/{status}/?$rid={rid}[&$version={n}]}. */
    public static String twinResponse(int status, String rid, Long version) {
        return "$iothub/twin/res/" + status + "/?$rid=" + rid + (version == null ? "" : "&$version=" + version);
    }

    /** {@code $iothub/twin/PATCH/properties/desired/?$version={n}}. */
    public static String desiredUpdate(long version) {
        return "$iothub/twin/PATCH/properties/desired/?$version=" + version;
    }

    /**
     * {@code devices/{id}/messages/devicebound/{property bag}}, the bag led by {@code $.to} as Azure's is: the Java
     * client reads properties only from the first {@code %24} (an encoded {@code $}) on, so a bag that began with
     * an application property would lose it.
     *
     * @param properties system ({@code $.mid}, {@code $.cid}) and application properties, in order
     */
    public static String cloudToDevice(String deviceId, Map<String, String> properties) {
        Map<String, String> bag = new java.util.LinkedHashMap<>();
        bag.put("$.to", "/devices/" + deviceId + "/messages/deviceBound");
        bag.putAll(properties);
        return "devices/" + deviceId + "/messages/devicebound/" + PropertyBag.format(bag);
    }

    /** {@code $iothub/methods/POST/{name}/?$rid={rid}}. */
    public static String methodRequest(String methodName, String rid) {
        return "$iothub/methods/POST/" + methodName + "/?$rid=" + rid;
    }
}
