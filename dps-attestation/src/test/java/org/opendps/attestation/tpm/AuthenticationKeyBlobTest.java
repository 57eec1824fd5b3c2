package org.opendps.attestation.tpm;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The blob's layout ({@code protocol/dps-device.md} §3) and its cryptography, with this test playing the TPM's part
 * in software (ActivateCredential with the EK, then Import under the SRK) using the private keys. That a real TPM
 * accepts the blob is shown against swtpm in {@code dps-it} ({@code TpmAuthenticationKeyIT}).
 */
class AuthenticationKeyBlobTest {
    private static final String URI = "0ne00000001/registrations/tpm-1";
    private static KeyPair ek;
    private static KeyPair srk;
    private static RsaStorageKey ekPublic;
    private static RsaStorageKey srkPublic;

    @BeforeAll
    static void keys() throws Exception {
        ek = TestTpmKeys.rsa(2048);
        srk = TestTpmKeys.rsa(2048);
        ekPublic = RsaStorageKey.parse(TestTpmKeys.storageKeyPublic(ek));
        srkPublic = RsaStorageKey.parse(TestTpmKeys.storageKeyPublic(srk));
    }

    @Test
    void the_blob_has_the_six_structures_in_azures_order_and_sizes() {
        ByteBuffer blob = ByteBuffer.wrap(new AuthenticationKeyBlob(new SecureRandom()).wrap(ekPublic, srkPublic,
                new byte[32], URI));

        assertThat(TpmBuffer.sized(blob)).hasSize(2 + 32 + 18); // TPM2B_ID_OBJECT
        assertThat(TpmBuffer.sized(blob)).hasSize(256); // seed for the EK
        assertThat(TpmBuffer.sized(blob)).hasSize(2 + 32 + 2 + 32 + 2 + 72); // TPM2B_PRIVATE
        assertThat(TpmBuffer.sized(blob)).hasSize(256); // seed for the SRK
        assertThat(TpmBuffer.sized(blob)).startsWith(0x00, 0x08, 0x00, 0x0B, 0x00, 0x04, 0x04, 0x40, 0x00, 0x00,
                0x00, 0x05, 0x00, 0x0B, 0x00, 0x20).hasSize(48); // TPM2B_PUBLIC of the HMAC key
        assertThat(TpmBuffer.sized(blob)).hasSize(URI.length()); // the encrypted URI
        assertThat(blob.hasRemaining()).isFalse();
    }

    @Test
    void only_the_holder_of_both_private_keys_recovers_the_key_and_every_integrity_check_holds() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);

        ByteBuffer blob = ByteBuffer.wrap(new AuthenticationKeyBlob(new SecureRandom()).wrap(ekPublic, srkPublic,
                key, URI));

        ByteBuffer idObject = ByteBuffer.wrap(TpmBuffer.sized(blob));
        byte[] ekSeed = oaepDecrypt(ek, "IDENTITY", TpmBuffer.sized(blob));
        ByteBuffer duplicate = ByteBuffer.wrap(TpmBuffer.sized(blob));
        byte[] srkSeed = oaepDecrypt(srk, "DUPLICATE", TpmBuffer.sized(blob));
        byte[] publicArea = TpmBuffer.sized(blob);
        byte[] encryptedUri = TpmBuffer.sized(blob);

        // ActivateCredential: integrity over the credential and the SRK's name, then the inner wrapper key
        byte[] innerWrapKey = unprotect(idObject, ekSeed, srkPublic.name());
        innerWrapKey = TpmBuffer.sized(ByteBuffer.wrap(innerWrapKey));
        assertThat(innerWrapKey).hasSize(16);

        // Import: outer integrity with the object's name, inner wrapper, inner integrity, the sensitive area
        byte[] name = TpmCrypto.name(publicArea);
        ByteBuffer inner = ByteBuffer.wrap(cfbDecrypt(innerWrapKey, unprotect(duplicate, srkSeed, name)));
        byte[] innerIntegrity = TpmBuffer.sized(inner);
        byte[] sizedSensitive = new byte[inner.remaining()];
        inner.get(sizedSensitive);
        assertThat(innerIntegrity).isEqualTo(TpmCrypto.sha256(sizedSensitive, name));
        ByteBuffer sensitive = ByteBuffer.wrap(TpmBuffer.sized(ByteBuffer.wrap(sizedSensitive)));
        assertThat(TpmBuffer.u16(sensitive)).isEqualTo(TpmAlgorithm.KEYEDHASH);
        assertThat(TpmBuffer.sized(sensitive)).isEmpty();
        byte[] obfuscation = TpmBuffer.sized(sensitive);
        assertThat(TpmBuffer.sized(sensitive)).isEqualTo(key);
        assertThat(Arrays.copyOfRange(publicArea, publicArea.length - 32, publicArea.length))
                .isEqualTo(TpmCrypto.sha256(obfuscation, key));

        assertThat(new String(cfbDecrypt(innerWrapKey, encryptedUri), StandardCharsets.UTF_8)).isEqualTo(URI);
    }

    @Test
    void every_blob_uses_fresh_seeds_and_wrapper_keys() {
        AuthenticationKeyBlob wrapper = new AuthenticationKeyBlob(new SecureRandom());

        assertThat(wrapper.wrap(ekPublic, srkPublic, new byte[32], URI))
                .isNotEqualTo(wrapper.wrap(ekPublic, srkPublic, new byte[32], URI));
    }

    /** Checks {@code TPM2B_DIGEST(HMAC) || encrypted} as the TPM does, and returns the decrypted content. */
    private static byte[] unprotect(ByteBuffer wrapped, byte[] seed, byte[] name) throws Exception {
        byte[] integrity = TpmBuffer.sized(wrapped);
        byte[] encrypted = new byte[wrapped.remaining()];
        wrapped.get(encrypted);
        byte[] hmacKey = Kdfa.sha256(seed, "INTEGRITY", new byte[0], new byte[0], 256);
        assertThat(MessageDigest.isEqual(integrity, TpmCrypto.hmacSha256(hmacKey, encrypted, name))).isTrue();
        return cfbDecrypt(Kdfa.sha256(seed, "STORAGE", name, new byte[0], 128), encrypted);
    }

    private static byte[] oaepDecrypt(KeyPair pair, String label, byte[] encrypted) throws Exception {
        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
        cipher.init(Cipher.DECRYPT_MODE, pair.getPrivate(), new OAEPParameterSpec("SHA-256", "MGF1",
                MGF1ParameterSpec.SHA256, new PSource.PSpecified((label + "\0").getBytes(US_ASCII))));
        return cipher.doFinal(encrypted);
    }

    private static byte[] cfbDecrypt(byte[] key, byte[] encrypted) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/CFB/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
        return cipher.doFinal(encrypted);
    }
}
