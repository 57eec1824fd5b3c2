package org.opendps.hub.connect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.opendps.core.certificate.CaCertificateStore;
import org.opendps.core.certificate.CertificateChains;
import org.opendps.core.certificate.VerifiedCaCertificates;
import org.opendps.core.enrollment.X509Certificates;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.security.SasToken;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.hub.HubHosts;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.BuiltInHubStore;
import org.opendps.hub.builtin.HubPolicy;
import org.opendps.hub.builtin.HubRight;
import org.opendps.hub.registry.HubDevice;
import org.opendps.hub.registry.HubRegistry;

/**
 * Decides whether a device may connect to a built-in hub: with a SAS token signed by one of its own keys or by a
 * hub policy with DeviceConnect, with the X.509 certificate whose thumbprint it is registered with, or, when it is
 * CA-signed, with a certificate naming it in its subject CN that chains up to a verified CA certificate of this
 * instance. Every refusal looks the same to the device (CONNACK 5), so the answer is a boolean; what failed is not
 * told.
 *
 * <p>A built-in hub trusts exactly the CAs the instance trusts for enrollment groups: those under
 * {@code /certificates} whose possession was proved (or vouched for). One list, one proof, for both services, as a
 * DPS and its linked Azure hub are usually given the same verified CA.
 *
 * <p>The signature covers {@code sr} exactly as sent (the Java client sends it raw, Node encoded); the scope is
 * compared on the decoded form, the host case-insensitively, the device ID exactly (IDs are case-sensitive).
 */
public final class DeviceConnectAuthenticator {
    private final BuiltInHubStore hubs;
    private final HubRegistry registry;
    private final VerifiedCaCertificates verifiedCas;
    private final Clock clock;
    private final Duration skew;
    private final CertificateChains chains;

    public DeviceConnectAuthenticator(BuiltInHubStore hubs, HubRegistry registry, CaCertificateStore caCertificates,
            Clock clock, Duration skew) {
        this.hubs = Objects.requireNonNull(hubs, "hubs");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.verifiedCas = new VerifiedCaCertificates(Objects.requireNonNull(caCertificates, "caCertificates"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
        this.chains = new CertificateChains(clock, skew);
    }

    /** Whether the host name is a built-in hub's. */
    public boolean isBuiltInHub(String hubHostName) {
        return hubs.find(HubHosts.key(hubHostName)).isPresent();
    }

    public boolean acceptsSas(String hubHostName, String deviceId, SasToken token) {
        Optional<BuiltInHub> hub = hubs.find(HubHosts.key(hubHostName));
        Optional<HubDevice> device = hub.flatMap(h -> registry.find(h.hostName(), deviceId));
        if (device.isEmpty() || !device.get().enabled()
                || token.expiry() + skew.toSeconds() < clock.instant().getEpochSecond()) {
            return false;
        }
        Optional<String> scope = decode(token.resourceUri());
        if (scope.isEmpty()) {
            return false;
        }
        String[] expected = {hub.get().hostName(), "devices", deviceId};
        if (token.keyName() == null || token.keyName().isEmpty()) {
            return scopeMatches(scope.get(), expected, false) && signedByDevice(device.get(), token);
        }
        Optional<HubPolicy> policy = hub.get().policy(token.keyName());
        return policy.isPresent() && policy.get().grants(HubRight.DEVICE_CONNECT)
                && scopeMatches(scope.get(), expected, true)
                && (SharedAccessSignatures.isSignedWith(token, policy.get().primaryKey())
                        | SharedAccessSignatures.isSignedWith(token, policy.get().secondaryKey()));
    }

    /** @param chain the TLS client's chain as it sent it: its own certificate first, then its intermediates */
    public boolean acceptsCertificate(String hubHostName, String deviceId, List<X509Certificate> chain) {
        Optional<HubDevice> device = hubs.find(HubHosts.key(hubHostName))
                .flatMap(h -> registry.find(h.hostName(), deviceId));
        if (device.isEmpty() || !device.get().enabled() || chain.isEmpty()) {
            return false;
        }
        X509Certificate leaf = chain.get(0);
        if (device.get().authentication() instanceof DeviceAuthentication.CertificateAuthority) {
            return deviceId.equals(X509Certificates.commonName(leaf))
                    && chainsToVerifiedCa(leaf, chain.subList(1, chain.size()));
        }
        byte[] der = der(leaf);
        return der != null && (device.get().acceptsThumbprint(thumbprint("SHA-1", der))
                || device.get().acceptsThumbprint(thumbprint("SHA-256", der)));
    }

    /** Validity is checked along the path, the leaf's included, with the same skew as SAS expiry. */
    private boolean chainsToVerifiedCa(X509Certificate leaf, List<X509Certificate> intermediates) {
        return verifiedCas.get().stream().anyMatch(ca -> chains.chainsTo(leaf, intermediates, ca));
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            return null;
        }
    }

    /** Both keys are tried, whatever the first gives, so that timing tells nothing of which one matched. */
    private static boolean signedByDevice(HubDevice device, SasToken token) {
        if (!(device.authentication() instanceof DeviceAuthentication.SymmetricKey keys)) {
            return false;
        }
        return SharedAccessSignatures.isSignedWith(token, keys.primaryKey())
                | SharedAccessSignatures.isSignedWith(token, keys.secondaryKey());
    }

    /**
     * Device keys sign for exactly {@code {hub}/devices/{id}}; a policy signs for any prefix of it, segment by
     * segment, as Azure matches resource URIs.
     */
    static boolean scopeMatches(String scope, String[] expected, boolean prefixAllowed) {
        String trimmed = scope.endsWith("/") ? scope.substring(0, scope.length() - 1) : scope;
        String[] segments = trimmed.split("/", -1);
        if (segments.length > expected.length || (!prefixAllowed && segments.length != expected.length)) {
            return false;
        }
        for (int i = 0; i < segments.length; i++) {
            boolean same = i == 0 ? segments[i].toLowerCase(Locale.ROOT).equals(HubHosts.key(expected[i]))
                    : segments[i].equals(expected[i]);
            if (!same) {
                return false;
            }
        }
        return true;
    }

    private static Optional<String> decode(String resourceUri) {
        try {
            return Optional.of(URLDecoder.decode(resourceUri.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String thumbprint(String algorithm, byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance(algorithm).digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is not available", e);
        }
    }
}
