package org.opendps.core.provisioning;

import java.time.Instant;
import java.util.Objects;

/**
 * The key a TPM device was challenged with, kept in the database so that any node can check the answer.
 *
 * @param challengeKey base64 HMAC-SHA256 key wrapped to the device's EK and SRK: its SAS must be signed with it
 * @param endorsementKey base64 TPM2B_PUBLIC of the EK the key was wrapped to, so that the keys stop working when
 *     the enrollment names another TPM
 * @param storageRootKey base64 TPM2B_PUBLIC of the SRK the key was wrapped under (the hub key goes there too)
 * @param expiresAt after this the challenge can no longer be answered
 * @param usedAt when a registration consumed it; null while it is open (it opens one registration only)
 * @param hubKey base64 key the device got for its hub with that registration; null while open
 */
public record TpmChallenge(String registrationId, String challengeKey, String endorsementKey,
        String storageRootKey, Instant expiresAt, Instant usedAt, String hubKey) {

    public TpmChallenge {
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(challengeKey, "challengeKey");
        Objects.requireNonNull(endorsementKey, "endorsementKey");
        Objects.requireNonNull(storageRootKey, "storageRootKey");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static TpmChallenge open(String registrationId, String challengeKey, String endorsementKey,
            String storageRootKey, Instant expiresAt) {
        return new TpmChallenge(registrationId, challengeKey, endorsementKey, storageRootKey, expiresAt, null, null);
    }

    public boolean used() {
        return usedAt != null;
    }

    @Override
    public String toString() {
        return "TpmChallenge[" + registrationId + ", expiresAt=" + expiresAt + ", usedAt=" + usedAt + ", keys hidden]";
    }
}
