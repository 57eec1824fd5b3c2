package org.opendps.core.enrollment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.query.FilterField;
import org.opendps.core.query.Page;
import org.opendps.core.query.QueryParser;
import org.opendps.core.store.VersionedResources;
import org.opendps.core.validation.Identifiers;

/** The enrollment management use cases: individual enrollments and enrollment groups. */
public final class EnrollmentService {
    public static final int MAX_BULK_ITEMS = 100;

    private static final Set<FilterField> ENROLLMENT_FIELDS = EnumSet.of(FilterField.REGISTRATION_ID,
            FilterField.DEVICE_ID, FilterField.PROVISIONING_STATUS, FilterField.ATTESTATION_TYPE,
            FilterField.IOT_HUB_HOST_NAME, FilterField.ALLOCATION_POLICY);
    private static final Set<FilterField> GROUP_FIELDS = EnumSet.of(FilterField.ENROLLMENT_GROUP_ID,
            FilterField.PROVISIONING_STATUS, FilterField.ATTESTATION_TYPE, FilterField.IOT_HUB_HOST_NAME,
            FilterField.ALLOCATION_POLICY);

    private final VersionedResources<IndividualEnrollment> enrollments;
    private final VersionedResources<EnrollmentGroup> groups;

    public EnrollmentService(EnrollmentStore enrollmentStore, EnrollmentGroupStore groupStore, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        this.enrollments = new VersionedResources<>(enrollmentStore, clock, DpsError.ENROLLMENT_NOT_FOUND,
                "Enrollment");
        this.groups = new VersionedResources<>(groupStore, clock, DpsError.ENROLLMENT_GROUP_NOT_FOUND,
                "Enrollment group");
    }

    // --- individual enrollments

    /**
     * Creates or replaces an individual enrollment.
     *
     * @param pathId the registration ID from the URL, which the body's must equal (case-insensitively)
     */
    public IndividualEnrollment putEnrollment(String pathId, IndividualEnrollment draft, String ifMatch) {
        checkSameId("registrationId", pathId, draft.registrationId());
        return enrollments.put(checked(draft), ifMatch, EnrollmentService::completeEnrollment);
    }

    public IndividualEnrollment getEnrollment(String registrationId) {
        return enrollments.get(registrationId);
    }

    public void deleteEnrollment(String registrationId, String ifMatch) {
        enrollments.delete(registrationId, ifMatch);
    }

    public Page<IndividualEnrollment> queryEnrollments(String query, Integer pageSize, String continuation) {
        return enrollments.query(QueryParser.parse(query, ENROLLMENT_FIELDS), pageSize, continuation);
    }

    public BulkOperationResult bulkEnrollments(BulkOperationMode mode, List<BulkItem<IndividualEnrollment>> items) {
        return bulk(mode, items, enrollments, EnrollmentService::checked, EnrollmentService::completeEnrollment);
    }

    // --- enrollment groups

    public EnrollmentGroup putGroup(String pathId, EnrollmentGroup draft, String ifMatch) {
        checkSameId("enrollmentGroupId", pathId, draft.enrollmentGroupId());
        return groups.put(checked(draft), ifMatch, EnrollmentService::completeGroup);
    }

    public EnrollmentGroup getGroup(String groupId) {
        return groups.get(groupId);
    }

    public void deleteGroup(String groupId, String ifMatch) {
        groups.delete(groupId, ifMatch);
    }

    public Page<EnrollmentGroup> queryGroups(String query, Integer pageSize, String continuation) {
        return groups.query(QueryParser.parse(query, GROUP_FIELDS), pageSize, continuation);
    }

    public BulkOperationResult bulkGroups(BulkOperationMode mode, List<BulkItem<EnrollmentGroup>> items) {
        return bulk(mode, items, groups, EnrollmentService::checked, EnrollmentService::completeGroup);
    }

    // --- rules

    private static IndividualEnrollment checked(IndividualEnrollment draft) {
        Identifiers.registrationId("registrationId", draft.registrationId());
        if (draft.deviceId() != null) {
            Identifiers.deviceId("deviceId", draft.deviceId());
        }
        SettingsRules.check(draft.settings());
        return draft;
    }

    private static EnrollmentGroup checked(EnrollmentGroup draft) {
        Identifiers.registrationId("enrollmentGroupId", draft.enrollmentGroupId());
        SettingsRules.check(draft.settings());
        return draft;
    }

    private static IndividualEnrollment completeEnrollment(IndividualEnrollment draft, IndividualEnrollment current) {
        return draft.withAttestation(AttestationRules.forIndividual(
                draft.attestation(), current == null ? null : current.attestation()));
    }

    private static EnrollmentGroup completeGroup(EnrollmentGroup draft, EnrollmentGroup current) {
        return draft.withAttestation(AttestationRules.forGroup(
                draft.attestation(), current == null ? null : current.attestation()));
    }

    private static void checkSameId(String field, String pathId, String bodyId) {
        if (bodyId == null || !bodyId.equalsIgnoreCase(pathId)) {
            throw DpsException.invalidField(field, "must equal the id in the request path ('" + pathId + "')");
        }
    }

    private static <T extends Versioned<T>> BulkOperationResult bulk(BulkOperationMode mode, List<BulkItem<T>> items,
            VersionedResources<T> resources, java.util.function.UnaryOperator<T> check, BinaryOperator<T> complete) {
        if (items.isEmpty()) {
            throw new DpsException(DpsError.INVALID_BULK_OPERATION, "The bulk operation lists no items.");
        }
        if (items.size() > MAX_BULK_ITEMS) {
            throw new DpsException(DpsError.INVALID_BULK_OPERATION,
                    "A bulk operation takes at most " + MAX_BULK_ITEMS + " items, not " + items.size() + ".");
        }
        List<BulkOperationResult.ItemError> errors = new ArrayList<>();
        for (BulkItem<T> bulkItem : items) {
            T item = bulkItem.item();
            try {
                switch (mode) {
                    case CREATE -> resources.put(check.apply(item), null, complete);
                    case UPDATE -> resources.put(check.apply(item), "*", complete);
                    case UPDATE_IF_MATCH_ETAG -> resources.put(check.apply(item), requireEtag(bulkItem), complete);
                    case DELETE -> resources.delete(item.id(), bulkItem.etag());
                }
            } catch (DpsException e) {
                errors.add(new BulkOperationResult.ItemError(item.id(), e.error().code(), e.getMessage()));
            }
        }
        return new BulkOperationResult(errors.isEmpty(), errors);
    }

    private static String requireEtag(BulkItem<?> item) {
        if (item.etag() == null || item.etag().isBlank()) {
            throw DpsException.invalidField("etag", "updateIfMatchETag needs the etag of each item");
        }
        return item.etag();
    }

    /** One item of a bulk body with the etag it carried (null when it had none). */
    public record BulkItem<T>(T item, String etag) {}
}
