package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.DeviceRegistrationState;

/**
 * The device API's bodies: the DeviceRegistration a device sends, and the RegistrationOperationStatus and
 * DeviceRegistrationResult it is answered with ({@code protocol/dps-device.md} §1).
 */
public final class DeviceRegistrationJson {

    /**
     * A device's registration request body.
     *
     * @param registrationId the ID the body names; null when absent (the path's ID is the one that counts)
     * @param payload the device's payload as a JSON value; null when absent
     * @param tpmEndorsementKey base64, from {@code tpm.endorsementKey}; null unless a TPM device sent it
     * @param tpmStorageRootKey base64, from {@code tpm.storageRootKey}; null unless a TPM device sent it
     */
    public record DeviceRegistrationBody(String registrationId, JsonText payload, String tpmEndorsementKey,
            String tpmStorageRootKey) {
        /** What an absent body or {@code {}} means. */
        public static final DeviceRegistrationBody EMPTY = new DeviceRegistrationBody(null, null, null, null);
    }

    private DeviceRegistrationJson() {}

    /** A DeviceRegistration body; an empty body is a 400, as for every other request that needs one. */
    public static DeviceRegistrationBody readRequest(byte[] body) {
        JsonFields root = JsonFields.root(JsonBodies.parseObject(body));
        JsonFields tpm = root.object("tpm");
        return new DeviceRegistrationBody(
                root.nonEmptyText("registrationId"),
                payload(root.node().get("payload")),
                tpm == null ? null : tpm.nonEmptyText("endorsementKey"),
                tpm == null ? null : tpm.nonEmptyText("storageRootKey"));
    }

    /**
     * As {@link #readRequest}, but no body at all (or only white space) is {@link DeviceRegistrationBody#EMPTY}:
     * for requests whose body carries nothing the path does not already say.
     */
    public static DeviceRegistrationBody readOptionalRequest(byte[] body) {
        return isBlank(body) ? DeviceRegistrationBody.EMPTY : readRequest(body);
    }

    /**
     * {@code {operationId, status}} and, once there is one, the device's registration state. While assigning the
     * service has no state to show, and Azure's first 202 has none either.
     */
    public static byte[] writeOperationStatus(RegistrationOperationStatus status) {
        ObjectNode node = JsonBodies.object();
        node.put("operationId", status.operationId());
        node.put("status", status.status().wireName());
        if (status.registrationState() != null) {
            node.set("registrationState", result(status.registrationState()));
        }
        return JsonBodies.toBytes(node);
    }

    /** The bare DeviceRegistrationResult that the device's status lookup answers. */
    public static byte[] writeRegistrationResult(DeviceRegistrationState state) {
        return JsonBodies.toBytes(result(state));
    }

    /**
     * The service API's form of the state (nulls left out, Azure's seven-digit dates, payload only as an object,
     * since Java's SDK reads it as a Gson JsonObject), preceded, as Azure orders it, by the attestation part.
     * X.509 devices get {@code x509} (see {@link RegistrationStateJson}); symmetric-key group members
     * {@code symmetricKey{enrollmentGroupId}}, which SDKs that do not know it ignore.
     */
    private static ObjectNode result(DeviceRegistrationState state) {
        ObjectNode node = JsonBodies.object();
        if (state.enrollmentGroupId() != null && state.x509() == null) {
            node.putObject("symmetricKey").put("enrollmentGroupId", state.enrollmentGroupId());
        }
        node.setAll(RegistrationStateJson.node(state));
        return node;
    }

    /**
     * Any JSON value is accepted. Java 2.1.3 sends its payload as a string holding JSON: when that string holds an
     * object, the object is what the device meant; any other value is kept as sent.
     */
    private static JsonText payload(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isTextual()) {
            JsonNode inner = JsonBodies.tryParse(value.textValue());
            if (inner != null && inner.isObject()) {
                return JsonBodies.toText(inner);
            }
        }
        return JsonBodies.toText(value);
    }

    /** JSON's white space only (RFC 8259), so that anything else still gets the parser's message. */
    private static boolean isBlank(byte[] body) {
        if (body == null) {
            return true;
        }
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
