package org.opendps.attestation.tpm;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;

/** RSA key pairs in the TPM's storage key form, for tests that play the TPM's part in software. */
final class TestTpmKeys {
    private TestTpmKeys() {}

    static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    /** TPM2B_PUBLIC of an RSA storage key as the Azure SDKs' EK and SRK templates make them. */
    static byte[] storageKeyPublic(KeyPair pair, int typeAlgorithm, int symmetricBits) {
        RSAPublicKey key = (RSAPublicKey) pair.getPublic();
        int bytes = key.getModulus().bitLength() / 8;
        return TpmBuffer.sizedBytes(new TpmBuffer()
                .u16(typeAlgorithm).u16(TpmAlgorithm.SHA256).u32(0x000300B2).sized(new byte[0])
                .u16(TpmAlgorithm.AES).u16(symmetricBits).u16(TpmAlgorithm.CFB)
                .u16(TpmAlgorithm.NULL).u16(bytes * 8).u32(0)
                .sized(unsigned(key.getModulus(), bytes))
                .toBytes());
    }

    static byte[] storageKeyPublic(KeyPair pair) {
        return storageKeyPublic(pair, TpmAlgorithm.RSA, 128);
    }

    private static byte[] unsigned(BigInteger value, int length) {
        byte[] raw = value.toByteArray();
        return Arrays.copyOfRange(raw, raw.length - length, raw.length);
    }
}
