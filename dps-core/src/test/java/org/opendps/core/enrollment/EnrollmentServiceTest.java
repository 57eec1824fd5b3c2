package org.opendps.core.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.query.Page;

class EnrollmentServiceTest {
    private final InMemoryStores.Enrollments enrollmentStore = new InMemoryStores.Enrollments();
    private final InMemoryStores.Groups groupStore = new InMemoryStores.Groups();
    private final EnrollmentService service = new EnrollmentService(enrollmentStore, groupStore, Clock.systemUTC());

    @Test
    void create_generates_empty_symmetric_keys_and_update_keeps_them() {
        IndividualEnrollment created = service.putEnrollment("dev-1", symmetric("dev-1", "", ""), null);
        SymmetricKeyAttestation keys = (SymmetricKeyAttestation) created.attestation();
        assertThat(keys.hasKeys()).isTrue();
        assertThat(keys.primaryKey()).isNotEqualTo(keys.secondaryKey());

        IndividualEnrollment updated = service.putEnrollment("dev-1", symmetric("dev-1", "", null),
                created.revision().etag());
        assertThat(updated.attestation()).isEqualTo(keys);
        assertThat(updated.revision().version()).isEqualTo(2);
        assertThat(updated.revision().created()).isEqualTo(created.revision().created());
    }

    @Test
    void create_of_an_existing_id_is_a_conflict_whatever_its_case() {
        service.putEnrollment("dev-1", symmetric("dev-1", "", ""), null);
        assertRefused(() -> service.putEnrollment("DEV-1", symmetric("DEV-1", "", ""), null), DpsError.ALREADY_EXISTS);
    }

    @Test
    void if_match_star_creates_or_replaces_and_a_stale_etag_is_a_precondition_failure() {
        IndividualEnrollment first = service.putEnrollment("dev-1", symmetric("dev-1", "", ""), "*");
        IndividualEnrollment second = service.putEnrollment("dev-1", symmetric("dev-1", "", ""), "*");
        assertThat(second.revision().version()).isEqualTo(2);

        assertRefused(() -> service.putEnrollment("dev-1", symmetric("dev-1", "", ""), first.revision().etag()),
                DpsError.PRECONDITION_FAILED);
        assertRefused(() -> service.deleteEnrollment("dev-1", first.revision().etag()), DpsError.PRECONDITION_FAILED);
        service.deleteEnrollment("dev-1", second.revision().etag());
        assertThat(enrollmentStore.count()).isZero();
    }

    @Test
    void a_quoted_star_means_any_version_as_node_sends_it() {
        service.putEnrollment("dev-1", symmetric("dev-1", "", ""), null);
        assertThat(service.putEnrollment("dev-1", symmetric("dev-1", "", ""), "\"*\"").revision().version())
                .isEqualTo(2);
        service.deleteEnrollment("dev-1", "\"*\"");
        assertThat(enrollmentStore.count()).isZero();
    }

    @Test
    void an_etag_for_a_missing_enrollment_fails_the_precondition_and_stores_nothing() {
        assertRefused(() -> service.putEnrollment("dev-1", symmetric("dev-1", "", ""), "\"abc-1\""),
                DpsError.PRECONDITION_FAILED);
        assertThat(enrollmentStore.count()).isZero();
    }

    @Test
    void the_body_id_must_match_the_path() {
        assertRefused(() -> service.putEnrollment("dev-1", symmetric("dev-2", "", ""), null), DpsError.INVALID_FIELD);
    }

    @Test
    void groups_take_only_x509_signing_certificates_ca_references_or_symmetric_keys() {
        EnrollmentGroup tpm = new EnrollmentGroup("g", new TpmAttestation("AAAA", null), EnrollmentSettings.DEFAULTS,
                null);
        assertRefused(() -> service.putGroup("g", tpm, null), DpsError.INVALID_FIELD);
        EnrollmentGroup caRef = new EnrollmentGroup("g", new X509Attestation(X509Kind.CA_REFERENCES,
                X509Entry.ofCaReference("my-root"), null), EnrollmentSettings.DEFAULTS, null);
        assertThat(service.putGroup("g", caRef, null).attestation()).isEqualTo(caRef.attestation());
    }

    @Test
    void static_allocation_takes_one_hub_and_custom_needs_a_webhook() {
        EnrollmentSettings twoHubsStatic = new EnrollmentSettings(false, null, null, ProvisioningStatus.ENABLED,
                ReprovisionPolicy.DEFAULT, AllocationPolicy.STATIC, List.of("a.example.com", "b.example.com"), null);
        assertRefused(() -> service.putEnrollment("d", enrollment("d", twoHubsStatic), null), DpsError.INVALID_FIELD);
        EnrollmentSettings customWithout = new EnrollmentSettings(false, null, null, ProvisioningStatus.ENABLED,
                ReprovisionPolicy.DEFAULT, AllocationPolicy.CUSTOM, List.of(), null);
        assertRefused(() -> service.putEnrollment("d", enrollment("d", customWithout), null), DpsError.INVALID_FIELD);
    }

    @Test
    void query_pages_carry_a_continuation_until_the_last() {
        for (int i = 0; i < 25; i++) {
            String id = String.format("dev-%02d", i);
            service.putEnrollment(id, symmetric(id, "", ""), null);
        }
        Set<String> seen = new HashSet<>();
        List<Integer> sizes = new ArrayList<>();
        String continuation = null;
        do {
            Page<IndividualEnrollment> page = service.queryEnrollments("SELECT *", 10, continuation);
            page.items().forEach(e -> seen.add(e.registrationId()));
            sizes.add(page.items().size());
            continuation = page.continuation();
        } while (continuation != null);
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(seen).hasSize(25);
    }

    @Test
    void bulk_reports_each_failed_item_and_applies_the_others() {
        service.putEnrollment("taken", symmetric("taken", "", ""), null);
        BulkOperationResult result = service.bulkEnrollments(BulkOperationMode.CREATE, List.of(
                new EnrollmentService.BulkItem<>(symmetric("fresh", "", ""), null),
                new EnrollmentService.BulkItem<>(symmetric("taken", "", ""), null),
                new EnrollmentService.BulkItem<>(symmetric("bad id!", "", ""), null)));
        assertThat(result.isSuccessful()).isFalse();
        assertThat(result.errors()).extracting(BulkOperationResult.ItemError::id, BulkOperationResult.ItemError::errorCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("taken", 409201),
                        org.assertj.core.groups.Tuple.tuple("bad id!", 400005));
        assertThat(enrollmentStore.find("fresh")).isPresent();
    }

    @Test
    void bulk_update_if_match_etag_needs_each_items_etag() {
        IndividualEnrollment stored = service.putEnrollment("dev", symmetric("dev", "", ""), null);
        BulkOperationResult ok = service.bulkEnrollments(BulkOperationMode.UPDATE_IF_MATCH_ETAG,
                List.of(new EnrollmentService.BulkItem<>(symmetric("dev", "", ""), stored.revision().etag())));
        BulkOperationResult stale = service.bulkEnrollments(BulkOperationMode.UPDATE_IF_MATCH_ETAG,
                List.of(new EnrollmentService.BulkItem<>(symmetric("dev", "", ""), stored.revision().etag())));
        assertThat(ok.isSuccessful()).isTrue();
        assertThat(stale.errors()).singleElement().extracting(BulkOperationResult.ItemError::errorCode)
                .isEqualTo(412002);
    }

    private static IndividualEnrollment symmetric(String id, String primary, String secondary) {
        return new IndividualEnrollment(id, null, new SymmetricKeyAttestation(primary, secondary),
                EnrollmentSettings.DEFAULTS, null, null);
    }

    private static IndividualEnrollment enrollment(String id, EnrollmentSettings settings) {
        return new IndividualEnrollment(id, null, new SymmetricKeyAttestation("", ""), settings, null, null);
    }

    private static void assertRefused(Runnable call, DpsError error) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DpsException.class,
                e -> assertThat(e.error()).isEqualTo(error));
    }
}
