package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.NoAttestation;
import org.opendps.core.enrollment.Revision;

/** The EnrollmentGroup object; what it shares with individual enrollments is in {@link SettingsJson}. */
final class EnrollmentGroupJson {
    static final String ID = "enrollmentGroupId";

    private EnrollmentGroupJson() {}

    static EnrollmentGroup read(JsonFields body) {
        return new EnrollmentGroup(
                body.requiredText(ID),
                AttestationJson.read(body.requiredObject("attestation")),
                SettingsJson.read(body),
                RevisionJson.read(body.node()));
    }

    /** A bulk delete needs only the id; clients may send nothing else. */
    static EnrollmentGroup readId(JsonFields body) {
        return new EnrollmentGroup(body.requiredText(ID), new NoAttestation(), EnrollmentSettings.DEFAULTS, null);
    }

    /** See {@link SettingsJson#write} for {@code etag} and {@code dates}. */
    static ObjectNode write(EnrollmentGroup group, AttestationJson.View view, String etag, Revision dates) {
        ObjectNode node = JsonBodies.object();
        node.put(ID, group.enrollmentGroupId());
        node.set("attestation", AttestationJson.write(group.attestation(), view));
        SettingsJson.write(node, group.settings(), etag, dates);
        return node;
    }
}
