package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.testsupport.store.StoreFixtures.state;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.opendps.core.query.Filter;
import org.opendps.core.query.FilterField;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStateStore;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.registration.X509Registration;
import org.opendps.core.store.VersionedStore;

/** The contract of a {@link RegistrationStateStore}; see {@link VersionedStoreContract} for the shared part. */
public interface RegistrationStateStoreContract extends VersionedStoreContract<DeviceRegistrationState> {

    /** The store under test, empty at the start of each test. */
    RegistrationStateStore registrationStateStore();

    @Override
    default VersionedStore<DeviceRegistrationState> versionedStore() {
        return registrationStateStore();
    }

    @Override
    default DeviceRegistrationState sample(String id) {
        return StoreFixtures.x509State(id, "Group-1");
    }

    @Override
    default DeviceRegistrationState other(String id) {
        return StoreFixtures.failedState(id);
    }

    @Test
    default void an_assigned_state_round_trips_exactly() {
        DeviceRegistrationState item = StoreFixtures.assignedState("reg-1", "Group-1");
        registrationStateStore().insert(item);
        assertThat(registrationStateStore().find("reg-1")).contains(item);
    }

    @Test
    default void an_x509_state_round_trips_with_its_certificates_and_an_individual_one_without_signer() {
        DeviceRegistrationState group = StoreFixtures.x509State("reg-1", "Group-1");
        DeviceRegistrationState individual = new DeviceRegistrationState("reg-2", null, "hub-1.example.com", "reg-2",
                RegistrationStatus.ASSIGNED, null, null, null, null, StoreFixtures.FIRST,
                new X509Registration(StoreFixtures.CERTIFICATE, null));
        registrationStateStore().insert(group);
        registrationStateStore().insert(individual);
        assertThat(registrationStateStore().find("reg-1")).contains(group);
        assertThat(registrationStateStore().find("reg-2")).contains(individual);
    }

    @Test
    default void a_failed_state_with_error_code_and_no_group_round_trips_exactly() {
        DeviceRegistrationState item = StoreFixtures.failedState("reg-1");
        registrationStateStore().insert(item);
        assertThat(registrationStateStore().find("reg-1")).contains(item);
    }

    @Test
    default void every_status_round_trips() {
        for (RegistrationStatus status : RegistrationStatus.values()) {
            DeviceRegistrationState item = state("reg-" + status.wireName(), null, null, status, null);
            registrationStateStore().insert(item);
            assertThat(registrationStateStore().find(item.id())).contains(item);
        }
    }

    @Test
    default void query_filters_on_registration_id_ignoring_case() {
        registrationStateStore().insert(state("Reg-A", null, null, RegistrationStatus.ASSIGNED, null));
        registrationStateStore().insert(state("reg-b", null, null, RegistrationStatus.ASSIGNED, null));
        assertQueryFinds(Filter.where(FilterField.REGISTRATION_ID, "reg-a"), "Reg-A");
    }

    @Test
    default void query_filters_on_enrollment_group_id_ignoring_case() {
        registrationStateStore().insert(state("reg-1", "Group-A", null, RegistrationStatus.ASSIGNED, null));
        registrationStateStore().insert(state("reg-2", "group-b", null, RegistrationStatus.ASSIGNED, null));
        registrationStateStore().insert(state("reg-3", "GROUP-A", null, RegistrationStatus.FAILED, null));
        registrationStateStore().insert(state("reg-4", null, null, RegistrationStatus.ASSIGNED, null));
        assertQueryFinds(Filter.where(FilterField.ENROLLMENT_GROUP_ID, "group-a"), "reg-1", "reg-3");
    }

    /** A group's pages continue after the last id seen, past other groups' states and writes between pages. */
    @Test
    default void query_of_a_group_continues_after_the_last_id_seen_when_states_change_between_pages() {
        for (int i = 0; i < 12; i++) {
            String group = i % 3 == 0 ? "group-b" : "Group-A";
            registrationStateStore().insert(state(String.format(Locale.ROOT, "reg-%02d", i), group, null,
                    RegistrationStatus.ASSIGNED, null));
        }
        Filter groupA = Filter.where(FilterField.ENROLLMENT_GROUP_ID, "group-a");
        assertThat(registrationStateStore().query(groupA, null, 3)).extracting(DeviceRegistrationState::id)
                .containsExactly("reg-01", "reg-02", "reg-04");

        registrationStateStore().delete("reg-04", -1);
        registrationStateStore().delete("reg-07", -1);
        registrationStateStore().insert(state("reg-03a", "GROUP-A", null, RegistrationStatus.FAILED, null));
        registrationStateStore().insert(state("reg-05a", "group-a", null, RegistrationStatus.ASSIGNED, null));
        registrationStateStore().insert(state("reg-08a", "group-b", null, RegistrationStatus.ASSIGNED, null));

        assertThat(idsAfter(groupA, "reg-04", 3)).containsExactly("reg-05", "reg-05a", "reg-08", "reg-10",
                "reg-11");
    }

    @Test
    default void query_filters_on_device_id_ignoring_case() {
        registrationStateStore().insert(state("reg-1", null, "Device-1", RegistrationStatus.ASSIGNED, null));
        registrationStateStore().insert(state("reg-2", null, "device-2", RegistrationStatus.ASSIGNED, null));
        assertQueryFinds(Filter.where(FilterField.DEVICE_ID, "DEVICE-1"), "reg-1");
    }

    @Test
    default void query_filters_on_status_by_wire_name_in_any_case() {
        registrationStateStore().insert(state("reg-1", null, null, RegistrationStatus.ASSIGNED, null));
        registrationStateStore().insert(state("reg-2", null, null, RegistrationStatus.FAILED, null));
        registrationStateStore().insert(state("reg-3", null, null, RegistrationStatus.ASSIGNING, null));
        assertQueryFinds(Filter.where(FilterField.STATUS, "Assigned"), "reg-1");
    }

    @Test
    default void query_filters_on_assigned_hub_ignoring_case() {
        registrationStateStore().insert(state("reg-1", null, null, RegistrationStatus.ASSIGNED, "hub-1.example.com"));
        registrationStateStore().insert(state("reg-2", null, null, RegistrationStatus.ASSIGNED, "hub-2.example.com"));
        registrationStateStore().insert(state("reg-3", null, null, RegistrationStatus.FAILED, null));
        assertQueryFinds(Filter.where(FilterField.ASSIGNED_HUB, "HUB-2.EXAMPLE.COM"), "reg-2");
    }

    @Test
    default void query_rejects_a_field_that_registration_states_do_not_have() {
        assertThatThrownBy(() -> registrationStateStore().query(
                Filter.where(FilterField.PROVISIONING_STATUS, "enabled"), null, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
