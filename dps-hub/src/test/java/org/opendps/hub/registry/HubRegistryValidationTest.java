package org.opendps.hub.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.hub.registry.HubRegistryTest.HUB;
import static org.opendps.hub.registry.HubRegistryTest.KEY_1;
import static org.opendps.hub.registry.HubRegistryTest.KEY_2;
import static org.opendps.hub.registry.HubRegistryTest.sas;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.query.Page;
import org.opendps.hub.InMemoryHubDeviceStore;
import org.opendps.hub.InMemoryTwinStore;
import org.opendps.hub.MutableClock;

class HubRegistryValidationTest {
    private static final String SHA1 = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3";
    private static final String SHA256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private final InMemoryHubDeviceStore devices = new InMemoryHubDeviceStore();
    private final HubRegistry registry = new HubRegistry(devices, new InMemoryTwinStore(),
            new MutableClock(Instant.parse("2026-03-01T10:00:00Z")));

    @ParameterizedTest
    @ValueSource(strings = {"dev1", "a-b.c+d%e_f#g*h?i!j(k)l,m:n=o@p$q'r", "Z"})
    void device_ids_of_azure_characters_are_accepted(String deviceId) {
        assertThat(registry.put(HUB, DeviceDraft.withGeneratedKeys(deviceId), null).deviceId()).isEqualTo(deviceId);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/", "back\\slash", "semi;colon", "caf\u00e9", "tab\t", "{x}"})
    void other_device_ids_are_refused_naming_the_field(String deviceId) {
        assertInvalid(() -> registry.put(HUB, DeviceDraft.withGeneratedKeys(deviceId), null), "'deviceId'");
    }

    @Test
    void device_ids_are_at_most_128_characters() {
        registry.put(HUB, DeviceDraft.withGeneratedKeys("x".repeat(128)), null);
        assertInvalid(() -> registry.put(HUB, DeviceDraft.withGeneratedKeys("x".repeat(129)), null),
                "'deviceId': longer than 128 characters");
    }

    @Test
    void status_is_enabled_or_disabled_in_any_case() {
        assertThat(registry.put(HUB, new DeviceDraft("a", "Enabled", null, null, false), null).enabled()).isTrue();
        assertThat(registry.put(HUB, new DeviceDraft("b", "DISABLED", null, null, false), null).enabled()).isFalse();
        assertInvalid(() -> registry.put(HUB, new DeviceDraft("c", "paused", null, null, false), null),
                "'status': must be enabled or disabled");
        assertInvalid(() -> registry.put(HUB, new DeviceDraft("c", null, "r".repeat(129), null, false), null),
                "'statusReason'");
    }

    @Test
    void sas_keys_must_be_base64_of_16_to_64_bytes_and_are_never_quoted() {
        String tooLong = Base64.getEncoder().encodeToString(new byte[65]);
        assertInvalid(() -> registry.put(HUB, sas("d", "not base64!", KEY_2), null),
                "'authentication.symmetricKey.primaryKey': not valid base64");
        assertInvalid(() -> registry.put(HUB, sas("d", KEY_1, "AAAA"), null),
                "'authentication.symmetricKey.secondaryKey': must decode to between 16 and 64 bytes, not 3");
        assertThatThrownBy(() -> registry.put(HUB, sas("d", tooLong, KEY_2), null))
                .message().doesNotContain(tooLong);
        assertThat(registry.find(HUB, "d")).isEmpty();
    }

    @Test
    void thumbprints_are_40_or_64_hex_digits_stored_upper_case_and_compared_in_any_case() {
        HubDevice device = registry.put(HUB, new DeviceDraft("x509", null, null,
                new DeviceAuthentication.X509Thumbprint(SHA256, SHA1), false), null);

        assertThat(device.authentication()).isEqualTo(new DeviceAuthentication.X509Thumbprint(
                SHA256.toUpperCase(java.util.Locale.ROOT), SHA1.toUpperCase(java.util.Locale.ROOT)));
        assertThat(device.acceptsThumbprint(SHA1)).isTrue();
        assertThat(device.acceptsThumbprint(SHA256.toUpperCase(java.util.Locale.ROOT))).isTrue();
        assertThat(device.acceptsThumbprint(SHA1.replace('a', 'b'))).isFalse();
        assertThat(registry.put(HUB, new DeviceDraft("x509-one", null, null,
                new DeviceAuthentication.X509Thumbprint(SHA1, null), false), null).acceptsThumbprint(SHA1)).isTrue();
    }

    @Test
    void bad_thumbprints_are_refused_naming_the_field() {
        assertInvalid(() -> registry.put(HUB, new DeviceDraft("x", null, null,
                new DeviceAuthentication.X509Thumbprint(SHA1.substring(1), null), false), null),
                "'authentication.x509Thumbprint.primaryThumbprint': must be 40 (SHA-1) or 64 (SHA-256)");
        assertInvalid(() -> registry.put(HUB, new DeviceDraft("x", null, null,
                new DeviceAuthentication.X509Thumbprint(SHA1, SHA1.replace('a', 'g')), false), null),
                "'authentication.x509Thumbprint.secondaryThumbprint'");
        assertInvalid(() -> registry.put(HUB, new DeviceDraft("x", null, null,
                new DeviceAuthentication.X509Thumbprint(null, SHA1), false), null),
                "'authentication.x509Thumbprint.primaryThumbprint': required");
    }

    @Test
    void list_pages_through_the_devices_in_id_order() {
        for (String id : List.of("c", "a", "B", "b")) {
            registry.put(HUB, DeviceDraft.withGeneratedKeys(id), null);
        }

        Page<HubDevice> first = registry.list("HUB.example", 3, null);
        Page<HubDevice> second = registry.list(HUB, 3, first.continuation());

        assertThat(first.items()).extracting(HubDevice::deviceId).containsExactly("B", "a", "b");
        assertThat(second.items()).extracting(HubDevice::deviceId).containsExactly("c");
        assertThat(second.continuation()).isNull();
        assertThatThrownBy(() -> registry.list(HUB, 3, "%%%"))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.error()).isEqualTo(DpsError.INVALID_QUERY));
    }

    @Test
    void drafts_never_show_keys() {
        assertThat(sas("d", KEY_1, KEY_2).toString()).doesNotContain(KEY_1).doesNotContain(KEY_2);
    }

    private static void assertInvalid(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DpsException.class, e -> {
            assertThat(e.error()).isEqualTo(DpsError.INVALID_FIELD);
            assertThat(e.error().httpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }
}
