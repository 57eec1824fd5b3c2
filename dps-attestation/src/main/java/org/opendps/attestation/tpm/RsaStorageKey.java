package org.opendps.attestation.tpm;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;

/**
 * The public half of a TPM's RSA storage key, such as the endorsement key (EK) or the storage root key (SRK), from
 * its TPM2B_PUBLIC. Only the form Azure's TPM attestation uses is accepted: RSA with SHA-256 as name algorithm and
 * an AES-128-CFB symmetric cipher for the objects it protects (the EK and SRK templates of every Azure SDK).
 */
public final class RsaStorageKey {
    private static final int MIN_MODULUS_BITS = 2048;

    private final byte[] publicArea;
    private final RSAPublicKey key;

    private RsaStorageKey(byte[] publicArea, RSAPublicKey key) {
        this.publicArea = publicArea;
        this.key = key;
    }

    /**
     * Parses a marshalled TPM2B_PUBLIC.
     *
     * @throws IllegalArgumentException when the bytes are not such a key, with a message naming what is wrong
     */
    public static RsaStorageKey parse(byte[] tpm2bPublic) {
        ByteBuffer in = ByteBuffer.wrap(tpm2bPublic);
        byte[] area = TpmBuffer.sized(in);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes after the TPM2B_PUBLIC");
        }
        ByteBuffer p = ByteBuffer.wrap(area);
        expect(TpmBuffer.u16(p), TpmAlgorithm.RSA, "key type");
        expect(TpmBuffer.u16(p), TpmAlgorithm.SHA256, "name algorithm");
        TpmBuffer.u32(p); // object attributes: the TPM enforces them, we only wrap secrets to the key
        TpmBuffer.sized(p); // auth policy
        expect(TpmBuffer.u16(p), TpmAlgorithm.AES, "symmetric algorithm");
        expect(TpmBuffer.u16(p), 128, "symmetric key bits");
        expect(TpmBuffer.u16(p), TpmAlgorithm.CFB, "symmetric mode");
        expect(TpmBuffer.u16(p), TpmAlgorithm.NULL, "RSA scheme");
        int modulusBits = TpmBuffer.u16(p);
        int exponent = TpmBuffer.u32(p);
        byte[] modulus = TpmBuffer.sized(p);
        if (p.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes after the RSA public area");
        }
        if (modulusBits < MIN_MODULUS_BITS || modulus.length * 8 != modulusBits) {
            throw new IllegalArgumentException("expected an RSA modulus of at least 2048 bits matching keyBits, got "
                    + modulus.length * 8 + " bits for keyBits " + modulusBits);
        }
        BigInteger e = BigInteger.valueOf(exponent == 0 ? 65537 : Integer.toUnsignedLong(exponent));
        try {
            RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(new BigInteger(1, modulus), e));
            return new RsaStorageKey(area, key);
        } catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException("the RSA public key is not valid", ex);
        }
    }

    private static void expect(int actual, int expected, String what) {
        if (actual != expected) {
            throw new IllegalArgumentException(String.format("unsupported %s 0x%04x (expected 0x%04x)", what, actual,
                    expected));
        }
    }

    /** The TPM Name: the name algorithm's ID, then SHA-256 over the marshalled TPMT_PUBLIC. */
    public byte[] name() {
        return TpmCrypto.name(publicArea);
    }

    RSAPublicKey rsaKey() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RsaStorageKey other && Arrays.equals(publicArea, other.publicArea);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicArea);
    }
}
