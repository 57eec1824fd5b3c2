package org.opendps.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendps.attestation.tpm.AuthenticationKeyBlob;
import org.opendps.attestation.tpm.RsaStorageKey;
import org.opendps.attestation.tpm.TpmRegistrationId;
import org.opendps.testsupport.tpm.Swtpm;

/**
 * Our software MakeCredential and Duplicate against a real TPM: swtpm, driven by the official Java TPM provider
 * exactly as a device drives it (PolicySecret, ActivateCredential with the EK, Import and Load under the SRK). The
 * TPM then signs with the imported key, and the signature must equal our HMAC with the key we wrapped.
 */
class TpmAuthenticationKeyIT {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String URI = "0ne00000001/registrations/tpm-device";

    private Swtpm swtpm;
    private SwtpmSecurityProvider tpm;

    @BeforeEach
    void start() throws Exception {
        swtpm = Swtpm.start();
        tpm = SwtpmSecurityProvider.connect(swtpm, null);
    }

    @AfterEach
    void stop() {
        if (swtpm != null) {
            swtpm.close();
        }
    }

    @Test
    void the_tpm_imports_our_key_and_signs_with_it() throws Exception {
        byte[] key = randomKey();

        tpm.activateIdentityKey(wrap(tpm.getEndorsementKey(), tpm.getStorageRootKey(), key));

        byte[] data = "0ne00000001/registrations/tpm-device\n1767225600".getBytes(UTF_8);
        assertThat(tpm.signWithIdentity(data)).isEqualTo(hmac(key, data));
    }

    @Test
    void a_second_key_replaces_the_first_as_the_hub_key_does() throws Exception {
        byte[] challengeKey = randomKey();
        byte[] hubKey = randomKey();
        tpm.activateIdentityKey(wrap(tpm.getEndorsementKey(), tpm.getStorageRootKey(), challengeKey));

        tpm.activateIdentityKey(wrap(tpm.getEndorsementKey(), tpm.getStorageRootKey(), hubKey));

        byte[] data = "hub-device-sas".getBytes(UTF_8);
        assertThat(tpm.signWithIdentity(data)).isEqualTo(hmac(hubKey, data));
    }

    @Test
    void a_blob_for_another_storage_root_key_is_refused_by_the_tpm() throws Exception {
        byte[] otherSrk = otherTpmStorageRootKey();

        assertThatThrownBy(() -> tpm.activateIdentityKey(wrap(tpm.getEndorsementKey(), otherSrk, randomKey())))
                .isInstanceOf(Exception.class);
    }

    @Test
    void the_registration_id_we_derive_is_the_one_the_provider_uses() throws Exception {
        assertThat(TpmRegistrationId.of(tpm.getEndorsementKey())).isEqualTo(tpm.getRegistrationId())
                .matches("[a-z2-7]{52}");
    }

    @Test
    void the_keys_the_provider_sends_parse_as_rsa_2048_storage_keys() {
        RsaStorageKey ek = RsaStorageKey.parse(tpm.getEndorsementKey());
        RsaStorageKey srk = RsaStorageKey.parse(tpm.getStorageRootKey());

        assertThat(ek.name()).hasSize(34).startsWith(0x00, 0x0B);
        assertThat(ek).isNotEqualTo(srk);
    }

    /** The SRK of a second simulator: another TPM's key, as an attacker who copied an EK would hold. */
    private byte[] otherTpmStorageRootKey() throws Exception {
        try (Swtpm other = Swtpm.start()) {
            return SwtpmSecurityProvider.connect(other, null).getStorageRootKey();
        }
    }

    private static byte[] wrap(byte[] ek, byte[] srk, byte[] key) {
        return new AuthenticationKeyBlob(RANDOM).wrap(RsaStorageKey.parse(ek), RsaStorageKey.parse(srk), key, URI);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
