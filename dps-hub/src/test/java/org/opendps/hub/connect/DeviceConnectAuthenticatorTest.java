package org.opendps.hub.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.security.SasToken;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.hub.InMemoryBuiltInHubStore;
import org.opendps.hub.InMemoryHubDeviceStore;
import org.opendps.hub.InMemoryTwinStore;
import org.opendps.hub.MutableClock;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.HubPolicy;
import org.opendps.hub.builtin.HubRight;
import org.opendps.hub.registry.DeviceDraft;
import org.opendps.hub.registry.HubRegistry;

class DeviceConnectAuthenticatorTest {
    private static final String HUB = "hub.example";
    private static final String KEY = SharedAccessSignatures.generateKey();
    private static final String OTHER = SharedAccessSignatures.generateKey();
    private static final String POLICY_KEY = SharedAccessSignatures.generateKey();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryBuiltInHubStore hubs = new InMemoryBuiltInHubStore();
    private final HubRegistry registry = new HubRegistry(new InMemoryHubDeviceStore(), new InMemoryTwinStore(), clock);
    private final DeviceConnectAuthenticator auth = new DeviceConnectAuthenticator(hubs, registry, clock,
            Duration.ofSeconds(30));

    DeviceConnectAuthenticatorTest() {
        hubs.createIfAbsent(new BuiltInHub(HUB, clock.instant(), java.util.List.of(
                new HubPolicy("device", POLICY_KEY, OTHER, Set.of(HubRight.DEVICE_CONNECT)),
                new HubPolicy("service", POLICY_KEY, OTHER, Set.of(HubRight.SERVICE_CONNECT)))));
        registry.put(HUB, new DeviceDraft("dev1", null, null, new DeviceAuthentication.SymmetricKey(OTHER, KEY),
                false), null);
        registry.put(HUB, new DeviceDraft("off", "disabled", null, new DeviceAuthentication.SymmetricKey(KEY, KEY),
                false), null);
    }

    /** As the Java device client signs: sr raw, no skn. */
    private SasToken token(String sr, String key, String skn, long lifetime) {
        long se = clock.instant().getEpochSecond() + lifetime;
        return new SasToken(sr, SharedAccessSignatures.hmac(key, sr + "\n" + se), se, skn);
    }

    @Test
    void device_key_tokens_for_its_own_scope() {
        assertThat(auth.acceptsSas(HUB, "dev1", token("Hub.Example/devices/dev1", KEY, "", 3600))).isTrue();
        assertThat(auth.acceptsSas(HUB, "dev1", token("hub.example%2Fdevices%2Fdev1", KEY, null, 3600))).isTrue();
        assertThat(auth.acceptsSas(HUB, "dev1", token("hub.example/devices/DEV1", KEY, null, 3600))).isFalse();
        assertThat(auth.acceptsSas(HUB, "dev1", token("hub.example", KEY, null, 3600))).isFalse();
        assertThat(auth.acceptsSas(HUB, "dev1", token("hub.example/devices/dev1", POLICY_KEY, null, 3600))).isFalse();
    }

    @Test
    void expiry_has_thirty_seconds_of_skew() {
        assertThat(auth.acceptsSas(HUB, "dev1", token("hub.example/devices/dev1", KEY, null, -20))).isTrue();
        assertThat(auth.acceptsSas(HUB, "dev1", token("hub.example/devices/dev1", KEY, null, -40))).isFalse();
    }

    @Test
    void policies_need_device_connect() {
        assertThat(auth.acceptsSas(HUB, "dev1", token("hub.example", POLICY_KEY, "device", 60))).isTrue();
        assertThat(auth.acceptsSas(HUB, "dev1", token("hub.example/devices/dev1", OTHER, "device", 60))).isTrue();
        assertThat(auth.acceptsSas(HUB, "dev1", token("hub.example", POLICY_KEY, "service", 60))).isFalse();
        assertThat(auth.acceptsSas(HUB, "dev1", token("hub.example/devices/dev2", POLICY_KEY, "device", 60)))
                .isFalse();
    }

    @Test
    void unknown_hubs_and_devices_and_disabled_devices_are_refused() {
        assertThat(auth.acceptsSas("other.example", "dev1", token("other.example/devices/dev1", KEY, null, 60)))
                .isFalse();
        assertThat(auth.acceptsSas(HUB, "nobody", token("hub.example/devices/nobody", KEY, null, 60))).isFalse();
        assertThat(auth.acceptsSas(HUB, "off", token("hub.example/devices/off", KEY, null, 60))).isFalse();
        assertThat(auth.isBuiltInHub("HUB.example")).isTrue();
        assertThat(auth.isBuiltInHub("other.example")).isFalse();
    }

    @Test
    void certificates_by_either_thumbprint() {
        byte[] der = {1, 2, 3};
        String sha1 = DeviceConnectAuthenticator.thumbprint("SHA-1", der);
        String sha256 = DeviceConnectAuthenticator.thumbprint("SHA-256", der);
        registry.put(HUB, new DeviceDraft("x1", null, null, new DeviceAuthentication.X509Thumbprint(sha1, null),
                false), null);
        registry.put(HUB, new DeviceDraft("x2", null, null, new DeviceAuthentication.X509Thumbprint(sha256, sha256),
                false), null);
        assertThat(auth.acceptsCertificate(HUB, "x1", der)).isTrue();
        assertThat(auth.acceptsCertificate(HUB, "x2", der)).isTrue();
        assertThat(auth.acceptsCertificate(HUB, "x2", new byte[] {9})).isFalse();
        assertThat(auth.acceptsCertificate(HUB, "dev1", der)).isFalse();
    }
}
