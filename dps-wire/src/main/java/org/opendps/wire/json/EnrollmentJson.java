package org.opendps.wire.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Function;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.BulkOperationResult;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.wire.json.AttestationJson.View;

/**
 * Individual enrollments and enrollment groups in Azure's service API form. Readers take what clients send and
 * what the writers produce (read-only fields are accepted and ignored); every error is a {@code DpsException}
 * that names the field by its full path. Writers never show symmetric keys, except
 * {@link #writeAttestationMechanism}.
 */
public final class EnrollmentJson {
    private EnrollmentJson() {}

    // --- the server's side

    public static Draft<IndividualEnrollment> readEnrollment(byte[] body) {
        JsonFields root = JsonFields.root(JsonBodies.parseObject(body));
        return new Draft<>(IndividualEnrollmentJson.read(root), root.nonEmptyText(RevisionJson.ETAG));
    }

    public static Draft<EnrollmentGroup> readGroup(byte[] body) {
        JsonFields root = JsonFields.root(JsonBodies.parseObject(body));
        return new Draft<>(EnrollmentGroupJson.read(root), root.nonEmptyText(RevisionJson.ETAG));
    }

    /** @param stateOrNull the device's registration state, shown as {@code registrationState} */
    public static byte[] writeEnrollment(IndividualEnrollment enrollment, DeviceRegistrationState stateOrNull) {
        return JsonBodies.toBytes(enrollmentNode(enrollment, stateOrNull));
    }

    /** A query page, as a JSON array. */
    public static byte[] writeEnrollments(List<IndividualEnrollment> page,
            Function<String, DeviceRegistrationState> stateByRegistrationId) {
        ArrayNode array = JsonBodies.array();
        for (IndividualEnrollment enrollment : page) {
            array.add(enrollmentNode(enrollment, stateByRegistrationId.apply(enrollment.registrationId())));
        }
        return JsonBodies.toBytes(array);
    }

    public static byte[] writeGroup(EnrollmentGroup group) {
        return JsonBodies.toBytes(groupNode(group));
    }

    /** A query page, as a JSON array. */
    public static byte[] writeGroups(List<EnrollmentGroup> page) {
        ArrayNode array = JsonBodies.array();
        page.forEach(g -> array.add(groupNode(g)));
        return JsonBodies.toBytes(array);
    }

    /** An enrollment as GET shows it (no keys), as a tree to embed: GET bodies and the webhook's copy share it. */
    static ObjectNode enrollmentNode(IndividualEnrollment enrollment, DeviceRegistrationState stateOrNull) {
        return IndividualEnrollmentJson.write(
                enrollment, stateOrNull, View.PUBLIC, etag(enrollment.revision()), enrollment.revision());
    }

    /** A group as GET shows it (no keys), as a tree to embed. */
    static ObjectNode groupNode(EnrollmentGroup group) {
        return EnrollmentGroupJson.write(group, View.PUBLIC, etag(group.revision()), group.revision());
    }

    /** The attestationmechanism response: the only one that carries symmetric keys. */
    public static byte[] writeAttestationMechanism(Attestation attestation) {
        return JsonBodies.toBytes(AttestationJson.write(attestation, View.MECHANISM));
    }

    public static BulkRequest<IndividualEnrollment> readEnrollmentBulk(byte[] body) {
        return BulkJson.read(body, BulkJson.ENROLLMENTS, IndividualEnrollmentJson::read,
                IndividualEnrollmentJson::readId);
    }

    public static BulkRequest<EnrollmentGroup> readGroupBulk(byte[] body) {
        return BulkJson.read(body, BulkJson.GROUPS, EnrollmentGroupJson::read, EnrollmentGroupJson::readId);
    }

    /** @param groups whether each error names an {@code enrollmentGroupId} rather than a {@code registrationId} */
    public static byte[] writeBulkResult(BulkOperationResult result, boolean groups) {
        return BulkJson.writeResult(result, groups);
    }

    /** The text of {@code {"query":"..."}}. */
    public static String readQuery(byte[] body) {
        return JsonFields.root(JsonBodies.parseObject(body)).requiredText("query");
    }

    // --- the client's side (the CLI)

    /** A PUT body: symmetric keys and certificate text included, no read-only fields but the etag. */
    public static byte[] writeEnrollmentRequest(IndividualEnrollment enrollment, String etagOrNull) {
        return JsonBodies.toBytes(IndividualEnrollmentJson.write(enrollment, null, View.REQUEST, etagOrNull, null));
    }

    /** A PUT body: symmetric keys and certificate text included, no read-only fields but the etag. */
    public static byte[] writeGroupRequest(EnrollmentGroup group, String etagOrNull) {
        return JsonBodies.toBytes(EnrollmentGroupJson.write(group, View.REQUEST, etagOrNull, null));
    }

    public static byte[] writeEnrollmentBulk(BulkRequest<IndividualEnrollment> request) {
        return BulkJson.write(request, BulkJson.ENROLLMENTS,
                item -> IndividualEnrollmentJson.write(item.item(), null, View.REQUEST, item.etag(), null));
    }

    public static byte[] writeGroupBulk(BulkRequest<EnrollmentGroup> request) {
        return BulkJson.write(request, BulkJson.GROUPS,
                item -> EnrollmentGroupJson.write(item.item(), View.REQUEST, item.etag(), null));
    }

    public static BulkOperationResult readBulkResult(byte[] body) {
        return BulkJson.readResult(body);
    }

    /** A query response (a JSON array of enrollments). */
    public static List<Draft<IndividualEnrollment>> readEnrollments(byte[] body) {
        return JsonBodies.parseObjects(body).stream()
                .map(f -> new Draft<>(IndividualEnrollmentJson.read(f), f.nonEmptyText(RevisionJson.ETAG)))
                .toList();
    }

    /** A query response (a JSON array of enrollment groups). */
    public static List<Draft<EnrollmentGroup>> readGroups(byte[] body) {
        return JsonBodies.parseObjects(body).stream()
                .map(f -> new Draft<>(EnrollmentGroupJson.read(f), f.nonEmptyText(RevisionJson.ETAG)))
                .toList();
    }

    /** An attestationmechanism response. */
    public static Attestation readAttestationMechanism(byte[] body) {
        return AttestationJson.read(JsonFields.root(JsonBodies.parseObject(body)));
    }

    public static byte[] writeQuery(String query) {
        return JsonBodies.toBytes(JsonBodies.object().put("query", query));
    }

    private static String etag(Revision revision) {
        return revision == null ? null : revision.etag();
    }
}
