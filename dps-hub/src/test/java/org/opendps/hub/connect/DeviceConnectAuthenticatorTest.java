package org.opendps.hub.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.CertificateIssuer.Request;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.core.certificate.CaCertificate;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.enrollment.X509Certificates;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.security.SasToken;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.hub.InMemoryBuiltInHubStore;
import org.opendps.hub.InMemoryCaCertificateStore;
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
    private static final Duration DAY = Duration.ofDays(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final InMemoryBuiltInHubStore hubs = new InMemoryBuiltInHubStore();
    private final HubRegistry registry = new HubRegistry(new InMemoryHubDeviceStore(), new InMemoryTwinStore(), clock);
    private final InMemoryCaCertificateStore caCertificates = new InMemoryCaCertificateStore();
    private final DeviceConnectAuthenticator auth = new DeviceConnectAuthenticator(hubs, registry, caCertificates,
            clock, Duration.ofSeconds(30));

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
    void certificates_by_either_thumbprint() throws Exception {
        X509Certificate leaf = CertificateIssuer.selfSigned(Request.leaf("x1", DAY, List.of())).certificate();
        X509Certificate other = CertificateIssuer.selfSigned(Request.leaf("x2", DAY, List.of())).certificate();
        String sha1 = DeviceConnectAuthenticator.thumbprint("SHA-1", leaf.getEncoded());
        String sha256 = DeviceConnectAuthenticator.thumbprint("SHA-256", leaf.getEncoded());
        registry.put(HUB, new DeviceDraft("x1", null, null, new DeviceAuthentication.X509Thumbprint(sha1, null),
                false), null);
        registry.put(HUB, new DeviceDraft("x2", null, null, new DeviceAuthentication.X509Thumbprint(sha256, sha256),
                false), null);
        assertThat(auth.acceptsCertificate(HUB, "x1", List.of(leaf))).isTrue();
        assertThat(auth.acceptsCertificate(HUB, "x2", List.of(leaf))).isTrue();
        assertThat(auth.acceptsCertificate(HUB, "x2", List.of(other))).isFalse();
        assertThat(auth.acceptsCertificate(HUB, "x2", List.of())).isFalse();
        assertThat(auth.acceptsCertificate(HUB, "dev1", List.of(leaf))).isFalse();
    }

    @Test
    void ca_signed_device_is_accepted_with_a_chain_through_its_intermediate_to_a_verified_ca() {
        caSignedDevice("ca-dev", true);
        IssuedCertificate root = verifiedCa("root", true);
        IssuedCertificate intermediate = CertificateIssuer.issue(ca("Intermediate"), root);
        X509Certificate leaf = leaf("ca-dev", intermediate);

        assertThat(auth.acceptsCertificate(HUB, "ca-dev", List.of(leaf, intermediate.certificate()))).isTrue();
        assertThat(auth.acceptsCertificate(HUB, "ca-dev", List.of(leaf))).isFalse();
    }

    @Test
    void ca_signed_device_under_a_ca_that_is_not_verified_or_not_uploaded_is_refused() {
        caSignedDevice("ca-dev", true);
        IssuedCertificate unverified = verifiedCa("unverified", false);
        IssuedCertificate unknown = CertificateIssuer.selfSigned(ca("Unknown"));

        assertThat(auth.acceptsCertificate(HUB, "ca-dev", List.of(leaf("ca-dev", unverified)))).isFalse();
        assertThat(auth.acceptsCertificate(HUB, "ca-dev", List.of(leaf("ca-dev", unknown), unknown.certificate())))
                .isFalse();
    }

    @Test
    void ca_signed_device_needs_its_own_id_as_the_leafs_common_name_exactly() {
        caSignedDevice("ca-dev", true);
        caSignedDevice("other", true);
        IssuedCertificate ca = verifiedCa("root", true);

        assertThat(auth.acceptsCertificate(HUB, "ca-dev", List.of(leaf("other", ca)))).isFalse();
        assertThat(auth.acceptsCertificate(HUB, "ca-dev", List.of(leaf("CA-DEV", ca)))).isFalse();
        assertThat(auth.acceptsCertificate(HUB, "other", List.of(leaf("other", ca)))).isTrue();
    }

    @Test
    void ca_signed_device_with_an_expired_leaf_is_refused_beyond_the_skew() {
        caSignedDevice("ca-dev", true);
        IssuedCertificate ca = verifiedCa("root", true);
        X509Certificate leaf = leaf("ca-dev", ca);

        clock.advance(DAY.plusSeconds(20));
        assertThat(auth.acceptsCertificate(HUB, "ca-dev", List.of(leaf))).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(auth.acceptsCertificate(HUB, "ca-dev", List.of(leaf))).isFalse();
    }

    @Test
    void disabled_ca_signed_device_is_refused() {
        caSignedDevice("ca-dev", false);
        IssuedCertificate ca = verifiedCa("root", true);

        assertThat(auth.acceptsCertificate(HUB, "ca-dev", List.of(leaf("ca-dev", ca)))).isFalse();
    }

    @Test
    void thumbprint_device_is_not_accepted_by_a_chain_to_a_verified_ca() {
        registry.put(HUB, new DeviceDraft("x1", null, null, new DeviceAuthentication.X509Thumbprint(
                DeviceConnectAuthenticator.thumbprint("SHA-1", new byte[] {1}), null), false), null);
        IssuedCertificate ca = verifiedCa("root", true);

        assertThat(auth.acceptsCertificate(HUB, "x1", List.of(leaf("x1", ca)))).isFalse();
    }

    private void caSignedDevice(String deviceId, boolean enabled) {
        registry.put(HUB, new DeviceDraft(deviceId, enabled ? null : "disabled", null,
                new DeviceAuthentication.CertificateAuthority(), false), null);
    }

    private IssuedCertificate verifiedCa(String name, boolean verified) {
        IssuedCertificate ca = CertificateIssuer.selfSigned(ca(name));
        caCertificates.insert(new CaCertificate(name, X509Certificates.base64Der(ca.certificate()), verified, null,
                Revision.first(clock.instant())));
        return ca;
    }

    /** Valid for a month around the test clock's now, which is not the real now. */
    private Request ca(String commonName) {
        return Request.ca(commonName, DAY.multipliedBy(30)).withNotBefore(clock.instant().minus(DAY));
    }

    /** Valid from the test clock's now for one day. */
    private X509Certificate leaf(String commonName, IssuedCertificate issuer) {
        return CertificateIssuer.issue(Request.leaf(commonName, DAY, List.of()).withNotBefore(clock.instant()), issuer)
                .certificate();
    }
}
