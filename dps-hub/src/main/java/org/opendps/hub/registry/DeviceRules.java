package org.opendps.hub.registry;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import org.opendps.core.error.DpsException;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.validation.Base64Values;

/**
 * IoT Hub's rules for device identities, each failure a 400 that names the field as the device JSON spells it, and
 * what the hub makes itself: keys and generation IDs.
 */
final class DeviceRules {
    static final int MAX_DEVICE_ID = 128;
    static final int MAX_STATUS_REASON = 128;
    static final int MIN_KEY_BYTES = 16;
    static final int MAX_KEY_BYTES = 64;
    /** What Azure generates when a device is created without keys. */
    static final int GENERATED_KEY_BYTES = 32;

    /**
     * Azure's documented set (iot-hub-devguide-identity-registry) plus {@code :}, which the other Azure pages list
     * and which DPS registration IDs, hence the device IDs DPS creates, may hold.
     */
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9\\-.+%_#*?!(),:=@$']+");
    private static final Pattern THUMBPRINT = Pattern.compile("[0-9A-Fa-f]{40}|[0-9A-Fa-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private DeviceRules() {}

    static String deviceId(String deviceId) {
        if (deviceId == null || deviceId.isEmpty()) {
            throw DpsException.invalidField("deviceId", "required");
        }
        if (deviceId.length() > MAX_DEVICE_ID) {
            throw DpsException.invalidField("deviceId", "longer than " + MAX_DEVICE_ID + " characters");
        }
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw DpsException.invalidField("deviceId",
                    "only ASCII letters, digits and - . + % _ # * ? ! ( ) , : = @ $ ' are allowed");
        }
        return deviceId;
    }

    /** True for enabled; null means enabled, as a hub makes a device without a status. */
    static boolean enabled(String status) {
        if (status == null || status.equalsIgnoreCase("enabled")) {
            return true;
        }
        if (status.equalsIgnoreCase("disabled")) {
            return false;
        }
        throw DpsException.invalidField("status", "must be enabled or disabled");
    }

    static String statusReason(String reason) {
        if (reason != null && reason.length() > MAX_STATUS_REASON) {
            throw DpsException.invalidField("statusReason", "longer than " + MAX_STATUS_REASON + " characters");
        }
        return reason;
    }

    /**
     * The authentication to store: keys checked, or generated where left out (kept from the current device when it
     * has SAS keys already, so that a replace that leaves them out does not lock the device out), thumbprints
     * checked and upper-cased; a CA-signed device has nothing to check.
     *
     * @param current the stored device being replaced, or null on create
     */
    static DeviceAuthentication authentication(DeviceAuthentication given, HubDevice current) {
        DeviceAuthentication.SymmetricKey currentKeys = current != null
                && current.authentication() instanceof DeviceAuthentication.SymmetricKey keys ? keys : null;
        if (given == null) {
            return currentKeys != null ? currentKeys : new DeviceAuthentication.SymmetricKey(newKey(), newKey());
        }
        if (given instanceof DeviceAuthentication.SymmetricKey keys) {
            return new DeviceAuthentication.SymmetricKey(
                    key("authentication.symmetricKey.primaryKey", keys.primaryKey(),
                            currentKeys == null ? null : currentKeys.primaryKey()),
                    key("authentication.symmetricKey.secondaryKey", keys.secondaryKey(),
                            currentKeys == null ? null : currentKeys.secondaryKey()));
        }
        if (given instanceof DeviceAuthentication.CertificateAuthority) {
            return given;
        }
        DeviceAuthentication.X509Thumbprint x509 = (DeviceAuthentication.X509Thumbprint) given;
        if (x509.primaryThumbprint() == null || x509.primaryThumbprint().isEmpty()) {
            throw DpsException.invalidField("authentication.x509Thumbprint.primaryThumbprint",
                    "required for selfSigned authentication");
        }
        String secondary = x509.secondaryThumbprint() == null || x509.secondaryThumbprint().isEmpty() ? null
                : thumbprint("authentication.x509Thumbprint.secondaryThumbprint", x509.secondaryThumbprint());
        return new DeviceAuthentication.X509Thumbprint(
                thumbprint("authentication.x509Thumbprint.primaryThumbprint", x509.primaryThumbprint()), secondary);
    }

    /** Random, at most 128 characters, in Azure's form: a large decimal number. */
    static String newGenerationId() {
        StringBuilder id = new StringBuilder().append(1 + RANDOM.nextInt(9));
        for (int i = 1; i < 18; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }

    private static String key(String field, String given, String kept) {
        if (given == null || given.isEmpty()) {
            return kept != null ? kept : newKey();
        }
        Base64Values.decode(field, given, MIN_KEY_BYTES, MAX_KEY_BYTES); // its messages never quote the value
        return given;
    }

    private static String thumbprint(String field, String value) {
        if (!THUMBPRINT.matcher(value).matches()) {
            throw DpsException.invalidField(field, "must be 40 (SHA-1) or 64 (SHA-256) hexadecimal digits");
        }
        return value.toUpperCase(Locale.ROOT);
    }

    private static String newKey() {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
