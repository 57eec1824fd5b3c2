package org.opendps.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.hub.Etags;
import org.opendps.hub.InMemoryHubDeviceStore;
import org.opendps.hub.InMemoryTwinStore;
import org.opendps.hub.MutableClock;
import org.opendps.hub.twin.StoredTwin;
import org.opendps.hub.twin.TwinDocuments;

class HubRegistryTest {
    static final String HUB = "hub.example";
    static final String KEY_1 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String KEY_2 = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11,
            12, 13, 14, 15, 16});

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryHubDeviceStore devices = new InMemoryHubDeviceStore();
    private final InMemoryTwinStore twins = new InMemoryTwinStore();
    private final HubRegistry registry = new HubRegistry(devices, twins, clock);

    static DeviceDraft sas(String deviceId, String primary, String secondary) {
        return new DeviceDraft(deviceId, "enabled", null, new DeviceAuthentication.SymmetricKey(primary, secondary),
                false);
    }

    @Test
    void put_without_if_match_creates_an_enabled_device_with_generated_keys_and_an_empty_twin() {
        HubDevice created = registry.put(HUB, new DeviceDraft("dev1", null, null, null, false), null);

        assertThat(created.enabled()).isTrue();
        assertThat(created.generationId()).matches("[1-9][0-9]{17}");
        assertThat(created.revision().version()).isEqualTo(1);
        DeviceAuthentication.SymmetricKey keys = (DeviceAuthentication.SymmetricKey) created.authentication();
        assertThat(Base64.getDecoder().decode(keys.primaryKey())).hasSize(32);
        assertThat(Base64.getDecoder().decode(keys.secondaryKey())).hasSize(32);
        assertThat(keys.primaryKey()).isNotEqualTo(keys.secondaryKey());
        assertThat(registry.get(HUB, "dev1")).isEqualTo(created);
        StoredTwin twin = twins.find(HUB, "dev1").orElseThrow();
        assertThat(twin.tagsJson()).isEqualTo("{}");
        assertThat(twin.desiredVersion()).isEqualTo(1);
        assertThat(twin.reportedVersion()).isEqualTo(1);
    }

    @Test
    void empty_keys_on_create_are_generated_and_given_keys_are_kept() {
        HubDevice generated = registry.put(HUB, sas("dev1", "", null), null);
        HubDevice given = registry.put(HUB, sas("dev2", KEY_1, KEY_2), null);

        assertThat(((DeviceAuthentication.SymmetricKey) generated.authentication()).primaryKey()).isNotEmpty();
        assertThat(given.authentication()).isEqualTo(new DeviceAuthentication.SymmetricKey(KEY_1, KEY_2));
    }

    @Test
    void put_without_if_match_on_an_existing_device_fails_409_device_already_exists() {
        registry.put(HUB, sas("dev1", KEY_1, KEY_2), null);

        assertThatThrownBy(() -> registry.put(HUB, sas("dev1", KEY_2, KEY_1), null))
                .isInstanceOfSatisfying(DpsException.class, e -> {
                    assertThat(e.error()).isEqualTo(DpsError.DEVICE_ALREADY_EXISTS);
                    assertThat(e.error().code()).isEqualTo(409001);
                    assertThat(e.error().pascalName()).isEqualTo("DeviceAlreadyExists");
                });
        assertThat(registry.get(HUB, "dev1").authentication())
                .isEqualTo(new DeviceAuthentication.SymmetricKey(KEY_1, KEY_2));
    }

    @Test
    void put_with_star_quoted_or_not_replaces_and_keeps_generation_id_and_twin() {
        HubDevice created = registry.put(HUB, sas("dev1", KEY_1, KEY_2), null);
        StoredTwin twin = twins.find(HUB, "dev1").orElseThrow();
        clock.advance(java.time.Duration.ofSeconds(1));

        HubDevice replaced = registry.put(HUB, new DeviceDraft("dev1", "Disabled", "maintenance",
                new DeviceAuthentication.SymmetricKey(KEY_2, KEY_1), true), "*");
        HubDevice again = registry.put(HUB, sas("dev1", KEY_1, KEY_2), "\"*\"");

        assertThat(replaced.enabled()).isFalse();
        assertThat(replaced.statusReason()).isEqualTo("maintenance");
        assertThat(replaced.iotEdge()).isTrue();
        assertThat(replaced.generationId()).isEqualTo(created.generationId());
        assertThat(replaced.revision().version()).isEqualTo(2);
        assertThat(again.revision().version()).isEqualTo(3);
        assertThat(Etags.bare(again.revision())).isNotEqualTo(Etags.bare(created.revision()));
        assertThat(twins.find(HUB, "dev1")).contains(twin);
    }

    @Test
    void put_with_star_on_an_absent_device_creates_it() {
        HubDevice created = registry.put(HUB, sas("dev1", KEY_1, KEY_2), "*");

        assertThat(created.revision().version()).isEqualTo(1);
        assertThat(twins.find(HUB, "dev1")).isPresent();
    }

    @Test
    void put_with_the_current_etag_quoted_or_not_replaces() {
        HubDevice created = registry.put(HUB, sas("dev1", KEY_1, KEY_2), null);

        HubDevice quoted = registry.put(HUB, sas("dev1", KEY_2, KEY_1), created.revision().etag());
        HubDevice bare = registry.put(HUB, sas("dev1", KEY_1, KEY_2), Etags.bare(quoted.revision()));

        assertThat(bare.revision().version()).isEqualTo(3);
    }

    @Test
    void put_with_a_stale_etag_fails_412_and_changes_nothing() {
        HubDevice created = registry.put(HUB, sas("dev1", KEY_1, KEY_2), null);
        HubDevice replaced = registry.put(HUB, sas("dev1", KEY_2, KEY_1), "*");

        assertThatThrownBy(() -> registry.put(HUB, sas("dev1", KEY_1, KEY_1), created.revision().etag()))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.error()).isEqualTo(DpsError.PRECONDITION_FAILED));
        assertThat(registry.get(HUB, "dev1")).isEqualTo(replaced);
    }

    @Test
    void put_with_an_etag_on_an_absent_device_fails_412() {
        assertThatThrownBy(() -> registry.put(HUB, sas("dev1", KEY_1, KEY_2), "\"18c-1\""))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.error()).isEqualTo(DpsError.PRECONDITION_FAILED));
        assertThat(registry.find(HUB, "dev1")).isEmpty();
    }

    @Test
    void replacing_a_sas_device_without_keys_keeps_its_keys() {
        registry.put(HUB, sas("dev1", KEY_1, KEY_2), null);

        HubDevice replaced = registry.put(HUB, new DeviceDraft("dev1", "disabled", null, null, false), "*");

        assertThat(replaced.authentication()).isEqualTo(new DeviceAuthentication.SymmetricKey(KEY_1, KEY_2));
    }

    @Test
    void get_of_an_absent_device_fails_404_device_not_found() {
        assertThatThrownBy(() -> registry.get(HUB, "nobody"))
                .isInstanceOfSatisfying(DpsException.class, e -> {
                    assertThat(e.error()).isEqualTo(DpsError.DEVICE_NOT_FOUND);
                    assertThat(e.error().code()).isEqualTo(404001);
                    assertThat(e.error().pascalName()).isEqualTo("DeviceNotFound");
                    assertThat(e.getMessage()).contains("'nobody'");
                });
    }

    @Test
    void host_names_compare_case_insensitively_and_reach_the_store_lower_cased() {
        registry.put("Hub.Example", sas("dev1", KEY_1, KEY_2), null);

        assertThat(registry.find("HUB.EXAMPLE", "dev1")).isPresent();
        assertThat(registry.find(HUB, "DEV1")).as("device IDs are case-sensitive").isEmpty();
        assertThat(devices.hubs()).containsExactly(HUB);
    }

    @Test
    void delete_removes_the_device_and_its_twin() {
        registry.put(HUB, sas("dev1", KEY_1, KEY_2), null);

        registry.delete(HUB, "dev1", null);

        assertThat(registry.find(HUB, "dev1")).isEmpty();
        assertThat(twins.find(HUB, "dev1")).isEmpty();
    }

    @Test
    void delete_honours_if_match() {
        HubDevice created = registry.put(HUB, sas("dev1", KEY_1, KEY_2), null);
        HubDevice replaced = registry.put(HUB, sas("dev1", KEY_2, KEY_1), "*");

        assertThatThrownBy(() -> registry.delete(HUB, "dev1", created.revision().etag()))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.error()).isEqualTo(DpsError.PRECONDITION_FAILED));
        registry.delete(HUB, "dev1", Etags.bare(replaced.revision()));
        assertThatThrownBy(() -> registry.delete(HUB, "dev1", "*"))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.error()).isEqualTo(DpsError.DEVICE_NOT_FOUND));
    }

    @Test
    void a_device_created_again_has_a_new_generation_id_a_new_etag_and_an_empty_twin() {
        HubDevice first = registry.put(HUB, sas("dev1", KEY_1, KEY_2), null);
        twins.force(HUB, new StoredTwin("dev1", 7, "{\"old\":true}", "{}", 7, "{}", 7, first.revision()));
        registry.delete(HUB, "dev1", "*");
        twins.force(HUB, new StoredTwin("dev1", 7, "{\"old\":true}", "{}", 7, "{}", 7, first.revision()));
        clock.advance(java.time.Duration.ofMillis(5));

        HubDevice second = registry.put(HUB, sas("dev1", KEY_1, KEY_2), null);

        assertThat(second.generationId()).isNotEqualTo(first.generationId());
        assertThat(second.revision().matches(first.revision().etag())).isFalse();
        assertThat(twins.find(HUB, "dev1")).contains(TwinDocuments.empty("dev1", clock.instant()));
    }
}
