package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.testsupport.store.StoreFixtures.group;
import static org.opendps.testsupport.store.StoreFixtures.settings;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentGroupStore;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.ProvisioningStatus;
import org.opendps.core.enrollment.X509Kind;
import org.opendps.core.query.Filter;
import org.opendps.core.query.FilterField;
import org.opendps.core.store.VersionedStore;

/** The contract of an {@link EnrollmentGroupStore}; see {@link VersionedStoreContract} for the shared part. */
public interface EnrollmentGroupStoreContract extends VersionedStoreContract<EnrollmentGroup> {

    /** The store under test, empty at the start of each test. */
    EnrollmentGroupStore enrollmentGroupStore();

    @Override
    default VersionedStore<EnrollmentGroup> versionedStore() {
        return enrollmentGroupStore();
    }

    @Override
    default EnrollmentGroup sample(String id) {
        return StoreFixtures.fullGroup(id, StoreFixtures.x509(X509Kind.SIGNING_CERTIFICATES));
    }

    @Override
    default EnrollmentGroup other(String id) {
        return group(id, StoreFixtures.x509(X509Kind.CA_REFERENCES));
    }

    @Test
    default void every_attestation_round_trips_exactly() {
        // A store keeps what it is given; which attestations a group may take is the service's rule.
        List<Attestation> attestations = StoreFixtures.allAttestations();
        for (int i = 0; i < attestations.size(); i++) {
            EnrollmentGroup item = group("attested-" + i, attestations.get(i));
            enrollmentGroupStore().insert(item);
            assertThat(enrollmentGroupStore().find(item.id())).as(attestations.get(i).toString()).contains(item);
        }
    }

    @Test
    default void every_settings_field_round_trips_exactly() {
        EnrollmentGroup item = StoreFixtures.fullGroup("full-1", StoreFixtures.symmetricKey());
        enrollmentGroupStore().insert(item);
        assertThat(enrollmentGroupStore().find("full-1")).contains(item);
    }

    @Test
    default void default_settings_round_trip_exactly() {
        EnrollmentGroup item = group("minimal-1");
        assertThat(item.settings()).isEqualTo(EnrollmentSettings.DEFAULTS);
        enrollmentGroupStore().insert(item);
        assertThat(enrollmentGroupStore().find("minimal-1")).contains(item);
    }

    @Test
    default void query_filters_on_enrollment_group_id_ignoring_case() {
        enrollmentGroupStore().insert(group("Group-A"));
        enrollmentGroupStore().insert(group("group-b"));
        assertQueryFinds(Filter.where(FilterField.ENROLLMENT_GROUP_ID, "GROUP-a"), "Group-A");
    }

    @Test
    default void query_filters_on_provisioning_status_by_wire_name_in_any_case() {
        enrollmentGroupStore().insert(withSettings("on-1", settings(null, ProvisioningStatus.ENABLED, null)));
        enrollmentGroupStore().insert(withSettings("off-1", settings(null, ProvisioningStatus.DISABLED, null)));
        assertQueryFinds(Filter.where(FilterField.PROVISIONING_STATUS, "DISABLED"), "off-1");
    }

    @Test
    default void query_filters_on_attestation_type_by_wire_name_in_any_case() {
        enrollmentGroupStore().insert(group("sym-1", StoreFixtures.symmetricKey()));
        enrollmentGroupStore().insert(group("x509-1", StoreFixtures.x509(X509Kind.CA_REFERENCES)));
        assertQueryFinds(Filter.where(FilterField.ATTESTATION_TYPE, "X509"), "x509-1");
        assertQueryFinds(Filter.where(FilterField.ATTESTATION_TYPE, "symmetrickey"), "sym-1");
    }

    @Test
    default void query_filters_on_iot_hub_host_name_ignoring_case() {
        enrollmentGroupStore().insert(withSettings("a-1", settings("hub-a.example.com", ProvisioningStatus.ENABLED,
                null)));
        enrollmentGroupStore().insert(withSettings("b-1", settings("hub-b.example.com", ProvisioningStatus.ENABLED,
                null)));
        assertQueryFinds(Filter.where(FilterField.IOT_HUB_HOST_NAME, "Hub-A.Example.Com"), "a-1");
    }

    @Test
    default void query_filters_on_allocation_policy_by_wire_name_in_any_case() {
        enrollmentGroupStore().insert(withSettings("static-1",
                settings("hub-a.example.com", ProvisioningStatus.ENABLED, AllocationPolicy.STATIC)));
        enrollmentGroupStore().insert(withSettings("hashed-1",
                settings(null, ProvisioningStatus.ENABLED, AllocationPolicy.HASHED)));
        assertQueryFinds(Filter.where(FilterField.ALLOCATION_POLICY, "STATIC"), "static-1");
    }

    @Test
    default void query_rejects_a_field_that_groups_do_not_have() {
        assertThatThrownBy(() -> enrollmentGroupStore().query(Filter.where(FilterField.DEVICE_ID, "d"), null, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static EnrollmentGroup withSettings(String id, EnrollmentSettings settings) {
        return new EnrollmentGroup(id, StoreFixtures.symmetricKey(), settings, StoreFixtures.FIRST);
    }
}
