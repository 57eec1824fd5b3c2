package org.opendps.attestation.tpm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/** The primitives of TPM 2.0 Part 1 §24-§26 with SHA-256 and AES-128, on the JDK's providers. */
final class TpmCrypto {
    static final int DIGEST_BYTES = 32;
    static final int AES_KEY_BYTES = 16;

    private TpmCrypto() {}

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** AES-128-CFB with a zero IV, as the TPM uses for wrapped objects and credentials (Part 1 §26.3). */
    static byte[] aesCfbEncrypt(byte[] key, byte[] plain) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CFB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
            return cipher.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Encrypts a seed to an RSA storage key (Part 1 §B.10.3): OAEP with SHA-256 and MGF1-SHA-256, the label being
     * the ASCII use ("IDENTITY", "DUPLICATE") with its terminating zero byte.
     */
    static byte[] oaepEncrypt(RsaStorageKey key, String label, byte[] seed, SecureRandom random) {
        byte[] labelBytes = (label + '\0').getBytes(StandardCharsets.US_ASCII);
        try {
            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.rsaKey(), new OAEPParameterSpec("SHA-256", "MGF1",
                    MGF1ParameterSpec.SHA256, new PSource.PSpecified(labelBytes)), random);
            return cipher.doFinal(seed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The TPM Name of an object with a SHA-256 name algorithm: {@code 0x000B || SHA-256(TPMT_PUBLIC)}. */
    static byte[] name(byte[] publicArea) {
        return new TpmBuffer().u16(TpmAlgorithm.SHA256).raw(sha256(publicArea)).toBytes();
    }

    static byte[] random(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
