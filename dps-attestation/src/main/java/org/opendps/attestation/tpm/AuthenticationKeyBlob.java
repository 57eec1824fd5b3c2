package org.opendps.attestation.tpm;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import org.opendps.core.provisioning.TpmKeyWrap;

/**
 * The {@code authenticationKey} of Azure DPS's TPM attestation ({@code protocol/dps-device.md} §3): an HMAC-SHA256
 * key that only the TPM holding the endorsement key can load, under its storage root key.
 *
 * <p>The key is duplicated to the SRK with an AES-128-CFB inner wrapper (TPM2_Duplicate done in software); the
 * inner wrapper's key travels as a credential made for the EK with the SRK's name as object (TPM2_MakeCredential),
 * so the device needs both keys: ActivateCredential with the EK, then Import under the SRK. The blob is, in order:
 * TPM2B_ID_OBJECT, TPM2B_ENCRYPTED_SECRET (for the EK), TPM2B_PRIVATE, TPM2B_ENCRYPTED_SECRET (for the SRK),
 * TPM2B_PUBLIC of the key, TPM2B_DATA (a URI encrypted under the inner wrapper key, which the Java SDK decrypts
 * and discards).
 */
public final class AuthenticationKeyBlob implements TpmKeyWrap {
    /** Sign, noDA, userWithAuth: an HMAC key usable with an empty password (Part 2, TPMA_OBJECT). */
    private static final int HMAC_KEY_ATTRIBUTES = 0x00040000 | 0x00000400 | 0x00000040;

    private final SecureRandom random;

    public AuthenticationKeyBlob(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    @Override
    public byte[] wrap(byte[] endorsementKey, byte[] storageRootKey, byte[] key, String uri) {
        return wrap(RsaStorageKey.parse(endorsementKey), RsaStorageKey.parse(storageRootKey), key, uri);
    }

    /**
     * Wraps {@code hmacKey} (32 bytes) for the TPM with these keys; {@code uri} is the informational URI the blob
     * carries at its end.
     */
    public byte[] wrap(RsaStorageKey endorsementKey, RsaStorageKey storageRootKey, byte[] hmacKey, String uri) {
        if (hmacKey.length != TpmCrypto.DIGEST_BYTES) {
            throw new IllegalArgumentException("the key to wrap must have 32 bytes, not " + hmacKey.length);
        }
        byte[] innerWrapKey = TpmCrypto.random(random, TpmCrypto.AES_KEY_BYTES);
        byte[] obfuscation = TpmCrypto.random(random, TpmCrypto.DIGEST_BYTES);
        try {
            byte[] publicArea = hmacKeyPublicArea(obfuscation, hmacKey);
            byte[] name = TpmCrypto.name(publicArea);
            Wrapped duplicate = duplicate(storageRootKey, innerWrapKey, sensitive(obfuscation, hmacKey), name);
            Wrapped credential = makeCredential(endorsementKey, innerWrapKey, storageRootKey.name());
            byte[] encryptedUri = TpmCrypto.aesCfbEncrypt(innerWrapKey, uri.getBytes(StandardCharsets.UTF_8));
            return new TpmBuffer()
                    .sized(credential.blob()).sized(credential.encryptedSeed())
                    .sized(duplicate.blob()).sized(duplicate.encryptedSeed())
                    .sized(publicArea)
                    .sized(encryptedUri)
                    .toBytes();
        } finally {
            Arrays.fill(innerWrapKey, (byte) 0);
            Arrays.fill(obfuscation, (byte) 0);
        }
    }

    /** A protected structure and the seed that unlocks it, encrypted to the parent's RSA key. */
    private record Wrapped(byte[] blob, byte[] encryptedSeed) {}

    /**
     * TPM2_MakeCredential (Part 1 §24.4): the credential as a TPM2B_DIGEST, CFB-encrypted under a key derived from
     * a seed and the object's name, with an HMAC over it and the name; the seed goes to the EK ("IDENTITY").
     */
    private Wrapped makeCredential(RsaStorageKey endorsementKey, byte[] credential, byte[] objectName) {
        return protect(endorsementKey, "IDENTITY", TpmBuffer.sizedBytes(credential), objectName);
    }

    /**
     * TPM2_Duplicate with an inner wrapper (Part 1 §23.3): {@code TPM2B_DIGEST(SHA-256(TPM2B_SENSITIVE || name))
     * || TPM2B_SENSITIVE}, CFB-encrypted under the inner wrapper key, then protected for the SRK ("DUPLICATE") like
     * a credential.
     */
    private Wrapped duplicate(RsaStorageKey storageRootKey, byte[] innerWrapKey, byte[] sensitive, byte[] name) {
        byte[] sizedSensitive = TpmBuffer.sizedBytes(sensitive);
        byte[] innerIntegrity = TpmCrypto.sha256(sizedSensitive, name);
        byte[] inner = TpmCrypto.aesCfbEncrypt(innerWrapKey,
                new TpmBuffer().sized(innerIntegrity).raw(sizedSensitive).toBytes());
        return protect(storageRootKey, "DUPLICATE", inner, name);
    }

    /**
     * The outer protection both operations share (Part 1 §24.4-24.5): a fresh seed encrypted to {@code parent};
     * from it, via KDFa, an AES key ("STORAGE", bound to {@code name}) and an HMAC key ("INTEGRITY"). Returns
     * {@code TPM2B_DIGEST(HMAC(encrypted || name)) || encrypted}.
     */
    private Wrapped protect(RsaStorageKey parent, String use, byte[] plain, byte[] name) {
        byte[] seed = TpmCrypto.random(random, TpmCrypto.DIGEST_BYTES);
        try {
            byte[] encryptedSeed = TpmCrypto.oaepEncrypt(parent, use, seed, random);
            byte[] aesKey = Kdfa.sha256(seed, "STORAGE", name, new byte[0], TpmCrypto.AES_KEY_BYTES * 8);
            byte[] hmacKey = Kdfa.sha256(seed, "INTEGRITY", new byte[0], new byte[0], TpmCrypto.DIGEST_BYTES * 8);
            byte[] encrypted = TpmCrypto.aesCfbEncrypt(aesKey, plain);
            byte[] integrity = TpmCrypto.hmacSha256(hmacKey, encrypted, name);
            Arrays.fill(aesKey, (byte) 0);
            Arrays.fill(hmacKey, (byte) 0);
            return new Wrapped(new TpmBuffer().sized(integrity).raw(encrypted).toBytes(), encryptedSeed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /**
     * TPMT_PUBLIC of an HMAC-SHA256 key: KEYEDHASH, SHA-256 name algorithm, no policy, and as unique
     * {@code SHA-256(obfuscation || key)}, which the TPM checks on import.
     */
    private static byte[] hmacKeyPublicArea(byte[] obfuscation, byte[] key) {
        return new TpmBuffer()
                .u16(TpmAlgorithm.KEYEDHASH).u16(TpmAlgorithm.SHA256).u32(HMAC_KEY_ATTRIBUTES)
                .sized(new byte[0])
                .u16(TpmAlgorithm.HMAC).u16(TpmAlgorithm.SHA256)
                .sized(TpmCrypto.sha256(obfuscation, key))
                .toBytes();
    }

    /** TPMT_SENSITIVE of that key: KEYEDHASH, empty password, the obfuscation value, the key bits. */
    private static byte[] sensitive(byte[] obfuscation, byte[] key) {
        return new TpmBuffer().u16(TpmAlgorithm.KEYEDHASH).sized(new byte[0]).sized(obfuscation).sized(key)
                .toBytes();
    }
}
