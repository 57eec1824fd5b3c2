package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.opendps.core.allocation.AllocationWebhook;
import org.opendps.core.allocation.AllocationWebhook.Result;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/**
 * The custom allocation webhook's AllocationRequest and AllocationResponse, and Azure's table of what each answer
 * means. Messages quote at most {@link #MAX_ECHO} characters of what the webhook sent, with URL query strings
 * masked: a webhook that echoes its request would otherwise hand its own function key to the device.
 */
public final class AllocationWebhookJson {
    /** The largest response read; a caller that stops reading one byte past it gets "too large", not a truncation. */
    public static final int MAX_RESPONSE_BYTES = JsonBodies.MAX_BODY_BYTES;
    static final int MAX_ECHO = 200;

    private static final String WHO = "The custom allocation webhook";
    private static final Pattern QUERY = Pattern.compile("\\?[^\\s\"'<>]*");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}\\s]+");

    private AllocationWebhookJson() {}

    public static byte[] writeRequest(AllocationWebhook.Request r) {
        ObjectNode body = JsonBodies.object();
        if (r.individualEnrollment() != null) {
            body.set("individualEnrollment", EnrollmentJson.enrollmentNode(r.individualEnrollment(), null));
        } else {
            body.set("enrollmentGroup", EnrollmentJson.groupNode(r.enrollmentGroup()));
        }
        ObjectNode context = body.putObject("deviceRuntimeContext");
        context.put("registrationId", r.registrationId());
        // Azure's sample spells it currentIotHubHostName; its table's currentIoTHubHostName is the odd one out.
        JsonBodies.putIfPresent(context, "currentIotHubHostName", r.currentIotHubHostName());
        JsonBodies.putIfPresent(context, "currentDeviceId", r.currentDeviceId());
        if (r.attestationType() != AttestationType.NONE) {
            // The port carries no device credential: the empty object tells the webhook how the device proved itself.
            context.putObject(r.attestationType().wireName());
        }
        if (r.payload() != null) {
            context.set("payload", JsonBodies.parseStored(r.payload()));
        }
        r.linkedHubs().forEach(body.putArray("linkedHubs")::add);
        return JsonBodies.toBytes(body);
    }

    /**
     * @param body what the webhook answered, at most {@link #MAX_RESPONSE_BYTES} + 1 bytes of it; may be null
     * @param linkedHubs the hubs the request offered; the answer must name one of them
     */
    public static Result readResponse(int httpStatus, byte[] body, List<String> linkedHubs) {
        if (httpStatus == 401) {
            return new Result.Refused(DpsError.CUSTOM_ALLOCATION_UNAUTHORIZED_ACCESS, WHO + " answered 401.");
        }
        if (httpStatus >= 429) {
            return new Result.TryLater(WHO + " answered " + httpStatus + ".");
        }
        if (httpStatus != 200) {
            return failed("answered " + httpStatus + excerpt(body));
        }
        ObjectNode response;
        try {
            response = JsonBodies.parseObject(body);
        } catch (DpsException e) {
            // Our own message: it says what is wrong without quoting the body.
            return failed("answered 200 with a body that is not a JSON object: " + e.getMessage());
        }
        return readAllocation(response, linkedHubs);
    }

    private static Result readAllocation(ObjectNode response, List<String> linkedHubs) {
        JsonNode hub = field(response, "iotHubHostName");
        if (hub == null || (hub.isTextual() && hub.textValue().isBlank())) {
            return new Result.Refused(DpsError.CUSTOM_ALLOCATION_IOTHUB_NOT_SPECIFIED,
                    WHO + " answered 200 without an iotHubHostName.");
        }
        if (!hub.isTextual()) {
            return failed("answered an iotHubHostName that is not a string.");
        }
        String linked = linkedHubs.stream().filter(h -> h.equalsIgnoreCase(hub.textValue())).findFirst().orElse(null);
        if (linked == null) {
            return failed("chose '" + echo(hub.textValue()) + "', which is not a linked hub.");
        }
        try {
            JsonText twin = SettingsJson.initialTwin(objectOrNull(response, "initialTwin"));
            JsonFields payload = objectOrNull(response, "payload");
            // The linked hub's own spelling, so that later exact lookups of the hub find it.
            return new Result.Allocated(linked, twin, payload == null ? null : JsonBodies.toText(payload.node()));
        } catch (DpsException e) {
            return failed("answered a response that is not valid: " + e.getMessage());
        }
    }

    /**
     * A member by name, or else by the name in any case: Azure reads the response with .NET's case-insensitive
     * binding, and its own docs table spells the field {@code iotHubHostname}. Null when absent or JSON null.
     */
    private static JsonNode field(ObjectNode node, String name) {
        JsonNode exact = node.get(name);
        if (exact != null) {
            return exact.isNull() ? null : exact;
        }
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (member.getKey().equalsIgnoreCase(name)) {
                return member.getValue().isNull() ? null : member.getValue();
            }
        }
        return null;
    }

    private static JsonFields objectOrNull(ObjectNode response, String name) {
        JsonNode value = field(response, name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            throw DpsException.invalidField(name, "must be an object");
        }
        return JsonFields.element((ObjectNode) value, name);
    }

    private static Result failed(String what) {
        return new Result.Refused(DpsError.CUSTOM_ALLOCATION_FAILED, WHO + " " + what);
    }

    /** ": <start of the body>", or "." when there is no body worth quoting. */
    private static String excerpt(byte[] body) {
        if (body == null || body.length == 0) {
            return ".";
        }
        int length = Math.min(body.length, MAX_ECHO * 4); // enough bytes for MAX_ECHO characters of UTF-8
        String text = echo(new String(body, 0, length, StandardCharsets.UTF_8));
        return text.isBlank() ? "." : ": " + text;
    }

    /** Text from the webhook, made safe to show: one line, query strings masked, at most MAX_ECHO characters. */
    static String echo(String text) {
        String safe = CONTROL.matcher(text).replaceAll(" ").strip();
        safe = QUERY.matcher(safe).replaceAll("?***");
        return safe.length() <= MAX_ECHO ? safe : safe.substring(0, MAX_ECHO) + "...";
    }
}
