package org.opendps.core.provisioning;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.EnrollmentStore;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.TpmAttestation;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.security.SasToken;
import org.opendps.core.security.ConstantTime;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * TPM attestation of individual enrollments ({@code protocol/dps-device.md} §3). A device first sends its EK and
 * SRK without a token and gets a fresh key wrapped to them (the challenge); it proves it holds the TPM by signing
 * its next request with that key. A challenge is stored, expires, and opens one registration only; the registration
 * gives the device a fresh hub key, wrapped the same way in the result, and later polls may be signed with either.
 */
final class TpmDeviceAttestation {
    private static final int KEY_BYTES = 32;

    private final EnrollmentStore enrollments;
    private final TpmChallengeStore challenges;
    private final TpmKeyWrap keyWrap;
    private final Clock clock;
    private final Duration challengeLifetime;
    private final SecureRandom random = new SecureRandom();

    TpmDeviceAttestation(EnrollmentStore enrollments, TpmChallengeStore challenges, TpmKeyWrap keyWrap, Clock clock,
            Duration challengeLifetime) {
        this.enrollments = enrollments;
        this.challenges = challenges;
        this.keyWrap = keyWrap;
        this.clock = clock;
        this.challengeLifetime = challengeLifetime;
    }

    /** Issues a challenge to the device that sent these keys: the base64 blob its TPM must activate. */
    String challenge(String idScope, String registrationId, DeviceCredential.Tpm keys) {
        IndividualEnrollment enrollment = enrollmentOf(registrationId, keys);
        byte[] key = randomKey();
        String blob = wrap(enrollment, keys.storageRootKey(), key, idScope, registrationId);
        challenges.put(TpmChallenge.open(registrationId, base64(key), keys.endorsementKey(), keys.storageRootKey(),
                clock.instant().plus(challengeLifetime)));
        return blob;
    }

    /**
     * The registration request that answers a challenge: same keys, signed with the challenge key, before it
     * expires, and only once. The device gets a fresh hub key.
     */
    AttestedDevice register(String registrationId, DeviceCredential.Tpm keys, SasToken token) {
        IndividualEnrollment enrollment = enrollmentOf(registrationId, keys);
        TpmChallenge challenge = challenges.find(registrationId).orElseThrow(TpmDeviceAttestation::noChallenge);
        if (!sameKey(challenge.storageRootKey(), keys.storageRootKey())
                || !SharedAccessSignatures.isSignedWith(token, challenge.challengeKey())) {
            throw DeviceAttestation.unauthorized();
        }
        if (challenge.used()) {
            throw alreadyUsed();
        }
        Instant now = clock.instant();
        if (!now.isBefore(challenge.expiresAt())) {
            throw new DpsException(DpsError.DEVICE_UNAUTHORIZED,
                    "The TPM challenge has expired; register without a token for a new one.");
        }
        String hubKey = base64(randomKey());
        if (!challenges.markUsed(registrationId, challenge.challengeKey(), now, hubKey)) {
            throw alreadyUsed(); // another request answered it in the meantime
        }
        return attested(registrationId, enrollment, hubKey);
    }

    /**
     * A later request of a registered TPM device (a poll): signed with its challenge key or its hub key, while the
     * enrollment still names the TPM they were wrapped to.
     */
    AttestedDevice followUp(String registrationId, IndividualEnrollment enrollment, SasToken token) {
        TpmChallenge challenge = challenges.find(registrationId).filter(TpmChallenge::used)
                .orElseThrow(DeviceAttestation::unauthorized);
        enrollmentOf(registrationId, new DeviceCredential.Tpm(challenge.endorsementKey(),
                challenge.storageRootKey(), null));
        boolean challengeKey = SharedAccessSignatures.isSignedWith(token, challenge.challengeKey());
        boolean hubKey = SharedAccessSignatures.isSignedWith(token, challenge.hubKey());
        if (!(challengeKey | hubKey)) {
            throw DeviceAttestation.unauthorized();
        }
        return attested(registrationId, enrollment, challenge.hubKey());
    }

    /** The result's {@code tpm.authenticationKey}: the device's hub key, wrapped to its TPM. */
    String hubKeyBlob(String idScope, AttestedDevice device) {
        TpmChallenge challenge = challenges.find(device.registrationId()).filter(TpmChallenge::used)
                .orElseThrow(() -> new IllegalStateException("no used TPM challenge for " + device.registrationId()));
        return wrap(device.individual(), challenge.storageRootKey(), Base64.getDecoder().decode(challenge.hubKey()),
                idScope, device.registrationId());
    }

    private IndividualEnrollment enrollmentOf(String registrationId, DeviceCredential.Tpm keys) {
        Optional<IndividualEnrollment> found = enrollments.find(registrationId);
        if (found.isEmpty() || !(found.get().attestation() instanceof TpmAttestation tpm)
                || !sameKey(tpm.endorsementKey(), keys.endorsementKey())
                || tpm.storageRootKey() != null && !sameKey(tpm.storageRootKey(), keys.storageRootKey())) {
            throw DeviceAttestation.unauthorized();
        }
        return found.get();
    }

    private String wrap(IndividualEnrollment enrollment, String storageRootKey, byte[] key, String idScope,
            String registrationId) {
        TpmAttestation tpm = (TpmAttestation) enrollment.attestation();
        try {
            return base64(keyWrap.wrap(decode(tpm.endorsementKey()), decode(storageRootKey), key,
                    idScope + "/registrations/" + registrationId));
        } catch (IllegalArgumentException e) {
            throw DpsException.invalidField("tpm", "the TPM's keys cannot be used: " + e.getMessage());
        }
    }

    private static AttestedDevice attested(String registrationId, IndividualEnrollment enrollment, String hubKey) {
        // The device only ever holds the primary key; the secondary exists because a hub identity has two.
        return new AttestedDevice(registrationId, enrollment, null, AttestationType.TPM,
                new DeviceAuthentication.SymmetricKey(hubKey, SharedAccessSignatures.generateKey()));
    }

    /** The same TPM2B_PUBLIC, whatever the base64 padding or line breaks; public keys, so no timing concern. */
    private static boolean sameKey(String expected, String presented) {
        try {
            return ConstantTime.equal(decode(expected), decode(presented));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64);
    }

    private byte[] randomKey() {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static DpsException alreadyUsed() {
        return new DpsException(DpsError.DEVICE_UNAUTHORIZED,
                "The TPM challenge was already used; register without a token for a new one.");
    }

    private static DpsException noChallenge() {
        return new DpsException(DpsError.DEVICE_UNAUTHORIZED,
                "No TPM challenge was issued to this device; register without a token first.");
    }
}
