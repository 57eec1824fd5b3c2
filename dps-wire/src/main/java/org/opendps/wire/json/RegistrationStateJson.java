package org.opendps.wire.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.X509CertificateInfo;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.registration.RegistrationSubstatus;
import org.opendps.core.registration.X509Registration;

/** DeviceRegistrationState in Azure's service API form, on its own and inside an enrollment. */
public final class RegistrationStateJson {
    private static final String STATUSES = "unassigned, assigning, assigned, failed, disabled";
    private static final String SUBSTATUSES =
            "initialAssignment, deviceDataMigrated, deviceDataReset, reprovisionedToInitialAssignment";

    private RegistrationStateJson() {}

    public static byte[] write(DeviceRegistrationState state) {
        return JsonBodies.toBytes(node(state));
    }

    /** A query page, as a JSON array. */
    public static byte[] writeList(List<DeviceRegistrationState> states) {
        ArrayNode array = JsonBodies.array();
        states.forEach(state -> array.add(node(state)));
        return JsonBodies.toBytes(array);
    }

    /** For the CLI: a GET response. */
    public static DeviceRegistrationState read(byte[] body) {
        return read(JsonFields.root(JsonBodies.parseObject(body)));
    }

    /** For the CLI: a query response. */
    public static List<DeviceRegistrationState> readList(byte[] body) {
        return JsonBodies.parseObjects(body).stream().map(RegistrationStateJson::read).toList();
    }

    static ObjectNode node(DeviceRegistrationState state) {
        ObjectNode node = JsonBodies.object();
        putX509(node, state);
        node.put("registrationId", state.registrationId());
        RevisionJson.writeCreated(node, state.revision());
        JsonBodies.putIfPresent(node, "assignedHub", state.assignedHub());
        JsonBodies.putIfPresent(node, "deviceId", state.deviceId());
        node.put("status", state.status().wireName());
        if (state.substatus() != null) {
            node.put("substatus", state.substatus().wireName());
        }
        if (state.errorCode() != null) {
            node.put("errorCode", state.errorCode().intValue());
        }
        JsonBodies.putIfPresent(node, "errorMessage", state.errorMessage());
        RevisionJson.writeUpdated(node, state.revision());
        RevisionJson.writeEtag(node, state.revision());
        putPayload(node, state.payload());
        return node;
    }

    static DeviceRegistrationState read(JsonFields body) {
        RegistrationStatus status = body.enumValue("status", RegistrationStatus::fromWireName, STATUSES);
        if (status == null) {
            throw body.invalid("status", "required; one of " + STATUSES);
        }
        return new DeviceRegistrationState(
                body.requiredText("registrationId"),
                null, // Azure's form does not say which group a device came through
                body.nonEmptyText("assignedHub"),
                body.nonEmptyText("deviceId"),
                status,
                body.enumValue("substatus", RegistrationSubstatus::fromWireName, SUBSTATUSES),
                body.integer("errorCode"),
                body.text("errorMessage"),
                body.objectText("payload"),
                RevisionJson.read(body.node()));
    }

    /**
     * {@code x509{certificateInfo, enrollmentGroupId?, signingCertificateInfo?}} of a device that registered with
     * a certificate. Java's SDK rejects a certificateInfo with any null field; infos made from a certificate have
     * every field.
     */
    private static void putX509(ObjectNode node, DeviceRegistrationState state) {
        X509Registration x509 = state.x509();
        if (x509 == null) {
            return;
        }
        ObjectNode attestation = node.putObject("x509");
        attestation.set("certificateInfo", X509Json.info(x509.certificateInfo()));
        if (state.enrollmentGroupId() != null) {
            attestation.put("enrollmentGroupId", state.enrollmentGroupId());
        }
        X509CertificateInfo signing = x509.signingCertificateInfo();
        if (signing != null) {
            attestation.set("signingCertificateInfo", X509Json.info(signing));
        }
    }

    /**
     * Java's SDK reads the payload as a JSON object, so nothing else is written. Java devices send theirs as a
     * string holding JSON; when that string holds an object, the object is what is shown.
     */
    private static void putPayload(ObjectNode node, JsonText payload) {
        if (payload == null) {
            return;
        }
        JsonNode value = JsonBodies.tryParse(payload.json());
        if (value != null && value.isTextual()) {
            value = JsonBodies.tryParse(value.textValue());
        }
        if (value != null && value.isObject()) {
            node.set("payload", value);
        }
    }
}
