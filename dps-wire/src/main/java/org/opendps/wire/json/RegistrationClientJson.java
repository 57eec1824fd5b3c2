package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.RegistrationStatus;

/**
 * The device API's bodies from the device's side (OpenDPS's own device agent): the DeviceRegistration it sends and
 * the RegistrationOperationStatus it reads back. {@link DeviceRegistrationJson} is the server's side of the same.
 */
public final class RegistrationClientJson {
    private static final String STATUSES = "unassigned, assigning, assigned, failed, disabled";

    private RegistrationClientJson() {}

    /**
     * {@code {"registrationId", "payload"?}}; the payload is sent as the JSON value it is (as Node and C do), not as
     * a string holding JSON (as Java does).
     *
     * @param payload null for none
     */
    public static byte[] writeRequest(String registrationId, JsonText payload) {
        ObjectNode node = JsonBodies.object();
        node.put("registrationId", registrationId);
        if (payload != null) {
            node.set("payload", JsonBodies.parseStored(payload));
        }
        return JsonBodies.toBytes(node);
    }

    /**
     * A register or poll answer. The registration state, when there is one, is read as the service API's form;
     * {@code retryAfterSeconds} is 0, since it travels beside the body (header, topic).
     *
     * @throws org.opendps.core.error.DpsException when the body is not a RegistrationOperationStatus
     */
    public static RegistrationOperationStatus readOperationStatus(byte[] body) {
        JsonFields root = JsonFields.root(JsonBodies.parseObject(body));
        RegistrationStatus status = root.enumValue("status", RegistrationStatus::fromWireName, STATUSES);
        if (status == null) {
            throw root.invalid("status", "required; one of " + STATUSES);
        }
        JsonFields state = root.object("registrationState");
        return new RegistrationOperationStatus(root.requiredText("operationId"), status,
                state == null ? null : RegistrationStateJson.read(state), 0);
    }

    /** A JSON value given by a user (a payload option), checked and kept as text; 400 INVALID_JSON when it is not. */
    public static JsonText parseValue(String json) {
        JsonNode node = JsonBodies.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return JsonBodies.toText(node);
    }
}
