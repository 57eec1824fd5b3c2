package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.testsupport.store.StoreFixtures.sasDevice;
import static org.opendps.testsupport.store.StoreFixtures.x509Device;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.hub.registry.HubDevice;
import org.opendps.hub.registry.HubDeviceStore;

/**
 * The contract of a {@link HubDeviceStore}: devices by (case-insensitive hub host name, case-sensitive device ID),
 * optimistic concurrency by version, pages in device ID byte order. Each test expects a store without devices.
 */
public interface HubDeviceStoreContract {
    String HUB = "hub-1.example.com";
    String OTHER_HUB = "hub-2.example.com";

    /** The store under test, empty at the start of each test. */
    HubDeviceStore hubDeviceStore();

    @Test
    default void find_returns_empty_for_an_unknown_device() {
        assertThat(hubDeviceStore().find(HUB, "nobody")).isEmpty();
        assertThat(hubDeviceStore().list(HUB, null, 10)).isEmpty();
    }

    @Test
    default void a_sas_device_round_trips_every_field() {
        HubDevice device = sasDevice("dev-1");
        assertThat(hubDeviceStore().insert(HUB, device)).isTrue();
        assertThat(hubDeviceStore().find(HUB, "dev-1")).contains(device);
    }

    @Test
    default void an_x509_device_round_trips_every_field() {
        HubDevice device = x509Device("dev-1");
        assertThat(hubDeviceStore().insert(HUB, device)).isTrue();
        assertThat(hubDeviceStore().find(HUB, "dev-1")).contains(device);
    }

    @Test
    default void a_ca_signed_device_round_trips_and_a_replace_turns_it_into_a_sas_device() {
        HubDevice device = new HubDevice("ca-1", new DeviceAuthentication.CertificateAuthority(), true, null, false,
                "638100", StoreFixtures.FIRST);
        assertThat(hubDeviceStore().insert(HUB, device)).isTrue();
        assertThat(hubDeviceStore().find(HUB, "ca-1")).contains(device);

        HubDevice sas = sasDevice("ca-1");
        assertThat(hubDeviceStore().replace(HUB, sas.withRevision(StoreFixtures.FIRST.next(StoreFixtures.UPDATED)),
                1)).isTrue();
        assertThat(hubDeviceStore().find(HUB, "ca-1").orElseThrow().authentication())
                .isEqualTo(sas.authentication());
    }

    @Test
    default void absent_secondary_credentials_and_absent_optional_fields_round_trip() {
        HubDevice sas = new HubDevice("sas-1", new DeviceAuthentication.SymmetricKey(StoreFixtures.PRIMARY_KEY, null),
                false, null, false, null, StoreFixtures.FIRST);
        HubDevice x509 = new HubDevice("x509-1", new DeviceAuthentication.X509Thumbprint(
                StoreFixtures.X509_INFO.sha1Thumbprint(), null), true, "", true, null, StoreFixtures.FIRST);
        hubDeviceStore().insert(HUB, sas);
        hubDeviceStore().insert(HUB, x509);
        assertThat(hubDeviceStore().find(HUB, "sas-1")).contains(sas);
        assertThat(hubDeviceStore().find(HUB, "x509-1")).contains(x509);
    }

    @Test
    default void device_ids_are_case_sensitive() {
        hubDeviceStore().insert(HUB, sasDevice("Dev"));
        assertThat(hubDeviceStore().insert(HUB, x509Device("dev"))).isTrue();
        assertThat(hubDeviceStore().find(HUB, "Dev")).contains(sasDevice("Dev"));
        assertThat(hubDeviceStore().find(HUB, "dev")).contains(x509Device("dev"));
        assertThat(hubDeviceStore().find(HUB, "DEV")).isEmpty();
        assertThat(hubDeviceStore().delete(HUB, "DEV", -1)).isFalse();
        assertThat(hubDeviceStore().delete(HUB, "dev", 1)).isTrue();
        assertThat(hubDeviceStore().list(HUB, null, 10)).containsExactly(sasDevice("Dev"));
    }

    @Test
    default void hub_host_names_are_case_insensitive() {
        HubDevice device = sasDevice("dev-1");
        hubDeviceStore().insert("Hub-1.Example.COM", device);
        assertThat(hubDeviceStore().find(HUB, "dev-1")).contains(device);
        assertThat(hubDeviceStore().insert(HUB.toUpperCase(Locale.ROOT), x509Device("dev-1"))).isFalse();
        assertThat(hubDeviceStore().list("HUB-1.example.com", null, 10)).containsExactly(device);
    }

    @Test
    default void the_same_device_id_in_two_hubs_are_two_devices() {
        hubDeviceStore().insert(HUB, sasDevice("dev-1"));
        assertThat(hubDeviceStore().insert(OTHER_HUB, x509Device("dev-1"))).isTrue();
        assertThat(hubDeviceStore().find(HUB, "dev-1")).contains(sasDevice("dev-1"));
        assertThat(hubDeviceStore().find(OTHER_HUB, "dev-1")).contains(x509Device("dev-1"));
        assertThat(hubDeviceStore().delete(OTHER_HUB, "dev-1", -1)).isTrue();
        assertThat(hubDeviceStore().find(HUB, "dev-1")).contains(sasDevice("dev-1"));
        assertThat(hubDeviceStore().list(OTHER_HUB, null, 10)).isEmpty();
    }

    @Test
    default void insert_returns_false_when_the_id_is_taken_and_keeps_the_stored_device() {
        HubDevice device = sasDevice("dev-1");
        hubDeviceStore().insert(HUB, device);
        assertThat(hubDeviceStore().insert(HUB, x509Device("dev-1"))).isFalse();
        assertThat(hubDeviceStore().find(HUB, "dev-1")).contains(device);
    }

    @Test
    default void replace_stores_every_changeable_field_and_keeps_the_facts_of_creation() {
        hubDeviceStore().insert(HUB, sasDevice("dev-1"));
        Revision second = StoreFixtures.FIRST.next(StoreFixtures.UPDATED);
        HubDevice changed = x509Device("dev-1").withRevision(second);
        assertThat(hubDeviceStore().replace(HUB, changed, 1)).isTrue();
        // The generation ID is made when the device is created, as the creation time is: a replace keeps both.
        HubDevice expected = new HubDevice("dev-1", changed.authentication(), false, changed.statusReason(), true,
                sasDevice("dev-1").generationId(), second);
        assertThat(hubDeviceStore().find(HUB, "dev-1")).contains(expected);
        HubDevice third = sasDevice("dev-1").withRevision(second.next(StoreFixtures.UPDATED.plusSeconds(1)));
        assertThat(hubDeviceStore().replace(HUB, third, 2)).isTrue();
        assertThat(hubDeviceStore().find(HUB, "dev-1")).contains(third);
    }

    @Test
    default void replace_returns_false_when_the_version_is_stale_or_the_device_unknown() {
        HubDevice device = sasDevice("dev-1");
        hubDeviceStore().insert(HUB, device);
        HubDevice stale = x509Device("dev-1").withRevision(new Revision(3, StoreFixtures.CREATED,
                StoreFixtures.UPDATED));
        assertThat(hubDeviceStore().replace(HUB, stale, 2)).isFalse();
        assertThat(hubDeviceStore().replace(HUB, x509Device("DEV-1").withRevision(stale.revision()), 1)).isFalse();
        assertThat(hubDeviceStore().replace(OTHER_HUB, stale, 1)).isFalse();
        assertThat(hubDeviceStore().find(HUB, "dev-1")).contains(device);
        assertThat(hubDeviceStore().find(HUB, "DEV-1")).isEmpty();
    }

    @Test
    default void delete_honours_the_expected_version_unless_it_is_negative() {
        hubDeviceStore().insert(HUB, sasDevice("dev-1"));
        hubDeviceStore().insert(HUB, sasDevice("dev-2").withRevision(new Revision(7, StoreFixtures.CREATED,
                StoreFixtures.UPDATED)));
        assertThat(hubDeviceStore().delete(HUB, "dev-1", 2)).isFalse();
        assertThat(hubDeviceStore().find(HUB, "dev-1")).isPresent();
        assertThat(hubDeviceStore().delete(HUB, "dev-1", 1)).isTrue();
        assertThat(hubDeviceStore().delete(HUB, "dev-2", -1)).isTrue();
        assertThat(hubDeviceStore().delete(HUB, "dev-2", -1)).isFalse();
        assertThat(hubDeviceStore().delete(HUB, "nobody", 1)).isFalse();
        assertThat(hubDeviceStore().list(HUB, null, 10)).isEmpty();
    }

    @Test
    default void list_pages_through_25_devices_in_byte_order_of_the_device_id() {
        // Upper case sorts before '_' and lower case, digits and most punctuation before both: byte order, not a
        // natural-language collation. For these ASCII IDs, String order is byte order.
        List<String> ids = new ArrayList<>(List.of("Dev", "dev", "DEV", "dev-1", "dev.1", "dev_1", "Dev-2", "a", "A",
                "Z", "z", "_z", "0", "9x", "$edge", "%25", "(p)", "sensor:1", "sensor=2", "sensor@3", "x!y", "x'y",
                "m*n", "q?r", "a,b"));
        Collections.shuffle(ids, new Random(7));
        ids.forEach(id -> hubDeviceStore().insert(HUB, sasDevice(id)));
        hubDeviceStore().insert(OTHER_HUB, sasDevice("B-other-hub"));
        Collections.sort(ids);

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = null;
        while (true) {
            List<HubDevice> page = hubDeviceStore().list(HUB, after, 10);
            pageSizes.add(page.size());
            if (page.isEmpty()) {
                break;
            }
            page.forEach(device -> seen.add(device.deviceId()));
            after = page.get(page.size() - 1).deviceId();
        }
        assertThat(pageSizes).containsExactly(10, 10, 5, 0);
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(seen).containsSubsequence("DEV", "Dev", "Dev-2", "Z", "_z", "a", "a,b", "dev");
    }

    @Test
    default void list_returns_full_devices_and_honours_a_limit_of_zero() {
        hubDeviceStore().insert(HUB, x509Device("dev-1"));
        assertThat(hubDeviceStore().list(HUB, null, 10)).containsExactly(x509Device("dev-1"));
        assertThat(hubDeviceStore().list(HUB, null, 0)).isEmpty();
    }

    @Test
    default void timestamps_round_trip_to_at_least_the_microsecond() {
        Instant created = Instant.parse("2026-01-02T03:04:05.123456789Z");
        Instant updated = Instant.parse("2026-01-02T03:04:06.000000001Z");
        hubDeviceStore().insert(HUB, sasDevice("dev-1").withRevision(new Revision(1, created, updated)));
        Revision found = hubDeviceStore().find(HUB, "dev-1").orElseThrow().revision();
        assertThat(found.created()).isIn(created, created.truncatedTo(ChronoUnit.MICROS));
        assertThat(found.updated()).isIn(updated, updated.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    default void concurrent_inserts_of_one_device_id_let_exactly_one_win() throws Exception {
        List<Boolean> results = Concurrently.run(VersionedStoreContract.CONCURRENT_WRITERS,
                () -> hubDeviceStore().insert(HUB, sasDevice("race")));
        assertThat(results).containsOnlyOnce(true);
        assertThat(hubDeviceStore().list(HUB, null, 100)).hasSize(1);
    }

    @Test
    default void concurrent_replaces_of_one_version_let_exactly_one_win() throws Exception {
        hubDeviceStore().insert(HUB, sasDevice("race"));
        HubDevice next = sasDevice("race").withRevision(StoreFixtures.FIRST.next(StoreFixtures.UPDATED));
        List<Boolean> results = Concurrently.run(VersionedStoreContract.CONCURRENT_WRITERS,
                () -> hubDeviceStore().replace(HUB, next, 1));
        assertThat(results).containsOnlyOnce(true);
        assertThat(hubDeviceStore().find(HUB, "race")).contains(next);
    }
}
