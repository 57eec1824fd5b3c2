package org.opendps.core.provisioning;

import java.time.Instant;
import java.util.Optional;

/** The TPM challenges, one per registration ID (case-insensitive): a new challenge replaces the previous one. */
public interface TpmChallengeStore {

    /** Stores an open challenge, replacing whatever challenge the registration ID had. */
    void put(TpmChallenge challenge);

    Optional<TpmChallenge> find(String registrationId);

    /**
     * Consumes the open challenge with this key, atomically: of two registrations racing on one challenge, one
     * wins.
     *
     * @return false when the challenge was replaced or already used
     */
    boolean markUsed(String registrationId, String challengeKey, Instant usedAt, String hubKey);
}
