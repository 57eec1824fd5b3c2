package org.opendps.deviceclient;

import java.time.Duration;
import org.opendps.core.security.SharedAccessSignatures;

/** What the HTTPS and MQTT transports share: when to poll, how long to try, and the device's SAS token. */
final class Polling {
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(2);
    /** A server asking for longer than this is still polled this often, so that the caller's timeout decides. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private Polling() {}

    /** {@code Retry-After} in seconds as sent (header or topic); absent or not a number is the default. */
    static Duration retryAfter(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        try {
            long value = Long.parseLong(seconds.strip());
            if (value < 0) {
                return DEFAULT_RETRY_AFTER;
            }
            Duration wanted = Duration.ofSeconds(value);
            return wanted.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wanted;
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;
        }
    }

    /** The SAS token of a symmetric-key device, as the SDKs send it (skn {@code registration}); null for X.509. */
    static String token(Registration registration) {
        if (!(registration.credential() instanceof RegistrationCredential.SymmetricKey key)) {
            return null;
        }
        long expiry = System.currentTimeMillis() / 1000 + TOKEN_LIFETIME.toSeconds();
        return SharedAccessSignatures.createToken(registration.resource(), "registration", key.key(), expiry);
    }
}
