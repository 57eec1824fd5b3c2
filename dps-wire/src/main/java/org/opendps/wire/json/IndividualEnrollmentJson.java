package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.NoAttestation;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.registration.DeviceRegistrationState;

/** The IndividualEnrollment object; what it shares with groups is in {@link SettingsJson}. */
final class IndividualEnrollmentJson {
    static final String ID = "registrationId";

    private IndividualEnrollmentJson() {}

    static IndividualEnrollment read(JsonFields body) {
        return new IndividualEnrollment(
                body.requiredText(ID),
                body.nonEmptyText("deviceId"),
                AttestationJson.read(body.requiredObject("attestation")),
                SettingsJson.read(body),
                body.objectText("optionalDeviceInformation"),
                RevisionJson.read(body.node()));
    }

    /** A bulk delete needs only the id; clients may send nothing else. */
    static IndividualEnrollment readId(JsonFields body) {
        return new IndividualEnrollment(
                body.requiredText(ID), null, new NoAttestation(), EnrollmentSettings.DEFAULTS, null, null);
    }

    /**
     * @param state written as the read-only registrationState; null when the device never registered
     * @param etag see {@link SettingsJson#write}
     * @param dates see {@link SettingsJson#write}
     */
    static ObjectNode write(IndividualEnrollment enrollment, DeviceRegistrationState state,
            AttestationJson.View view, String etag, Revision dates) {
        ObjectNode node = JsonBodies.object();
        node.put(ID, enrollment.registrationId());
        JsonBodies.putIfPresent(node, "deviceId", enrollment.deviceId());
        if (state != null) {
            node.set("registrationState", RegistrationStateJson.node(state));
        }
        node.set("attestation", AttestationJson.write(enrollment.attestation(), view));
        SettingsJson.write(node, enrollment.settings(), etag, dates);
        SettingsJson.putText(node, "optionalDeviceInformation", enrollment.optionalDeviceInformation());
        return node;
    }
}
