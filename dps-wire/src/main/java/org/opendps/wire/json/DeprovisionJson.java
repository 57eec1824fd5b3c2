package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.registration.Deprovisioning;
import org.opendps.core.registration.Deprovisioning.Action;

/**
 * The bodies of deprovisioning, an OpenDPS extension: the request {@code {"action":"disable"|"delete"}} and the
 * answer {@code {"action":…,"devices":[{"registrationId","assignedHub","deviceId"}]}}, one shape for one device
 * and for a group so that clients read both alike.
 */
public final class DeprovisionJson {
    public static final String PARAMETER = "deprovision";

    private DeprovisionJson() {}

    /** @throws DpsException 400 naming {@code action} when it is absent or neither disable nor delete */
    public static Action readAction(byte[] body) {
        JsonFields request = JsonFields.root(JsonBodies.parseObject(body));
        String name = request.requiredText("action");
        return Action.fromWireName(name)
                .orElseThrow(() -> request.invalid("action", "must be 'disable' or 'delete'"));
    }

    /**
     * The {@code deprovision} query parameter of an enrollment change; null when absent.
     *
     * @throws DpsException 400 naming the parameter when it is present but neither disable nor delete
     */
    public static Action readParameter(String value) {
        if (value == null) {
            return null;
        }
        return Action.fromWireName(value).orElseThrow(() -> new DpsException(
                DpsError.BAD_REQUEST,
                "Invalid query parameter '" + PARAMETER + "': must be 'disable' or 'delete'"));
    }

    public static byte[] writeBody(Action action) {
        ObjectNode node = JsonBodies.object();
        node.put("action", action.wireName());
        return JsonBodies.toBytes(node);
    }

    public static byte[] writeResults(Action action, List<Deprovisioning.Result> results) {
        ObjectNode node = JsonBodies.object();
        node.put("action", action.wireName());
        ArrayNode devices = node.putArray("devices");
        for (Deprovisioning.Result result : results) {
            devices.addObject()
                    .put("registrationId", result.registrationId())
                    .put("assignedHub", result.assignedHub())
                    .put("deviceId", result.deviceId());
        }
        return JsonBodies.toBytes(node);
    }

    /** The devices of an answer, for the CLI: registration ID, hub and device ID of each. */
    public static List<Deprovisioning.Result> readResults(byte[] body) {
        JsonFields answer = JsonFields.root(JsonBodies.parseObject(body));
        Action action = Action.fromWireName(answer.text("action")).orElse(Action.DISABLE);
        ArrayNode devices = answer.node().has("devices") && answer.node().get("devices").isArray()
                ? (ArrayNode) answer.node().get("devices") : JsonBodies.array();
        return JsonBodies.elements(devices, "devices").stream()
                .map(d -> new Deprovisioning.Result(d.text("registrationId"), d.text("assignedHub"),
                        d.text("deviceId"), action))
                .toList();
    }
}
