package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.testsupport.store.StoreFixtures.enrollment;
import static org.opendps.testsupport.store.StoreFixtures.settings;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.EnrollmentStore;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.ProvisioningStatus;
import org.opendps.core.enrollment.X509Kind;
import org.opendps.core.query.Filter;
import org.opendps.core.query.FilterField;
import org.opendps.core.store.VersionedStore;

/** The contract of an {@link EnrollmentStore}; see {@link VersionedStoreContract} for the shared part. */
public interface EnrollmentStoreContract extends VersionedStoreContract<IndividualEnrollment> {

    /** The store under test, empty at the start of each test. */
    EnrollmentStore enrollmentStore();

    @Override
    default VersionedStore<IndividualEnrollment> versionedStore() {
        return enrollmentStore();
    }

    @Override
    default IndividualEnrollment sample(String id) {
        return StoreFixtures.fullEnrollment(id, StoreFixtures.x509(X509Kind.CLIENT_CERTIFICATES));
    }

    @Override
    default IndividualEnrollment other(String id) {
        return enrollment(id, StoreFixtures.tpmWithoutStorageRootKey());
    }

    @Test
    default void every_attestation_round_trips_exactly() {
        List<Attestation> attestations = StoreFixtures.allAttestations();
        for (int i = 0; i < attestations.size(); i++) {
            IndividualEnrollment item = enrollment("attested-" + i, attestations.get(i));
            enrollmentStore().insert(item);
            assertThat(enrollmentStore().find(item.id())).as(attestations.get(i).toString()).contains(item);
        }
    }

    @Test
    default void every_settings_field_and_the_device_fields_round_trip_exactly() {
        IndividualEnrollment item = StoreFixtures.fullEnrollment("full-1", StoreFixtures.symmetricKey());
        enrollmentStore().insert(item);
        assertThat(enrollmentStore().find("full-1")).contains(item);
    }

    @Test
    default void default_settings_and_absent_fields_round_trip_exactly() {
        IndividualEnrollment item = enrollment("minimal-1");
        assertThat(item.settings()).isEqualTo(EnrollmentSettings.DEFAULTS);
        enrollmentStore().insert(item);
        assertThat(enrollmentStore().find("minimal-1")).contains(item);
    }

    @Test
    default void query_filters_on_registration_id_ignoring_case() {
        enrollmentStore().insert(enrollment("Device-A"));
        enrollmentStore().insert(enrollment("device-b"));
        assertQueryFinds(Filter.where(FilterField.REGISTRATION_ID, "DEVICE-a"), "Device-A");
    }

    @Test
    default void query_filters_on_device_id_ignoring_case() {
        enrollmentStore().insert(StoreFixtures.fullEnrollment("reg-1", StoreFixtures.tpm()));
        enrollmentStore().insert(StoreFixtures.fullEnrollment("reg-2", StoreFixtures.tpm()));
        enrollmentStore().insert(enrollment("reg-3"));
        assertQueryFinds(Filter.where(FilterField.DEVICE_ID, "DEVICE-REG-2"), "reg-2");
    }

    @Test
    default void query_filters_on_provisioning_status_by_wire_name_in_any_case() {
        enrollmentStore().insert(withSettings("on-1", settings(null, ProvisioningStatus.ENABLED, null)));
        enrollmentStore().insert(withSettings("off-1", settings(null, ProvisioningStatus.DISABLED, null)));
        assertQueryFinds(Filter.where(FilterField.PROVISIONING_STATUS, "Disabled"), "off-1");
        assertQueryFinds(Filter.where(FilterField.PROVISIONING_STATUS, "enabled"), "on-1");
    }

    @Test
    default void query_filters_on_attestation_type_by_wire_name_in_any_case() {
        enrollmentStore().insert(enrollment("sym-1", StoreFixtures.symmetricKey()));
        enrollmentStore().insert(enrollment("tpm-1", StoreFixtures.tpm()));
        enrollmentStore().insert(enrollment("x509-1", StoreFixtures.x509(X509Kind.CLIENT_CERTIFICATES)));
        assertQueryFinds(Filter.where(FilterField.ATTESTATION_TYPE, "SYMMETRICKEY"), "sym-1");
        assertQueryFinds(Filter.where(FilterField.ATTESTATION_TYPE, "x509"), "x509-1");
    }

    @Test
    default void query_filters_on_iot_hub_host_name_ignoring_case() {
        enrollmentStore().insert(withSettings("a-1", settings("hub-a.example.com", ProvisioningStatus.ENABLED, null)));
        enrollmentStore().insert(withSettings("b-1", settings("hub-b.example.com", ProvisioningStatus.ENABLED, null)));
        enrollmentStore().insert(enrollment("none-1"));
        assertQueryFinds(Filter.where(FilterField.IOT_HUB_HOST_NAME, "HUB-B.example.com"), "b-1");
    }

    @Test
    default void query_filters_on_allocation_policy_by_wire_name_in_any_case() {
        enrollmentStore().insert(withSettings("geo-1",
                settings(null, ProvisioningStatus.ENABLED, AllocationPolicy.GEO_LATENCY)));
        enrollmentStore().insert(withSettings("hashed-1",
                settings(null, ProvisioningStatus.ENABLED, AllocationPolicy.HASHED)));
        enrollmentStore().insert(enrollment("instance-default-1"));
        assertQueryFinds(Filter.where(FilterField.ALLOCATION_POLICY, "GeoLatency"), "geo-1");
    }

    @Test
    default void query_combines_conditions_and_pages_within_them() {
        for (int i = 0; i < 6; i++) {
            ProvisioningStatus status = i % 2 == 0 ? ProvisioningStatus.ENABLED : ProvisioningStatus.DISABLED;
            enrollmentStore().insert(withSettings("reg-" + i, settings("hub-1.example.com", status, null)));
        }
        Filter filter = new Filter(List.of(new Filter.Condition(FilterField.PROVISIONING_STATUS, "enabled"),
                new Filter.Condition(FilterField.IOT_HUB_HOST_NAME, "hub-1.example.com")));
        assertQueryFinds(filter, "reg-0", "reg-2", "reg-4");
        assertThat(enrollmentStore().query(filter, "reg-0", 1)).extracting(IndividualEnrollment::id)
                .containsExactly("reg-2");
    }

    @Test
    default void query_rejects_a_field_that_enrollments_do_not_have() {
        assertThatThrownBy(() -> enrollmentStore().query(Filter.where(FilterField.ENROLLMENT_GROUP_ID, "g"), null, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static IndividualEnrollment withSettings(String id, EnrollmentSettings settings) {
        return new IndividualEnrollment(id, null, StoreFixtures.symmetricKey(), settings, null, StoreFixtures.FIRST);
    }
}
