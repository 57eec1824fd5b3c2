package org.opendps.attestation.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/** The key types OpenDPS issues certificates for: ECDSA P-256 by default (cheap handshakes), RSA on request. */
public enum KeyAlgorithm {
    EC_P256("SHA256withECDSA", 256),
    RSA_2048("SHA256withRSA", 2048),
    RSA_3072("SHA256withRSA", 3072),
    RSA_4096("SHA256withRSA", 4096);

    private final String signatureAlgorithm;
    private final int bits;

    KeyAlgorithm(String signatureAlgorithm, int bits) {
        this.signatureAlgorithm = signatureAlgorithm;
        this.bits = bits;
    }

    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** The RSA key type of this size; the sizes offered are those every TLS stack of a device accepts. */
    public static KeyAlgorithm rsa(int bits) {
        for (KeyAlgorithm algorithm : values()) {
            if (algorithm != EC_P256 && algorithm.bits == bits) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("RSA keys are 2048, 3072 or 4096 bits, not " + bits);
    }

    public KeyPair generate() {
        try {
            if (this == EC_P256) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + this + " key pair", e);
        }
    }

    /** The algorithm a key of this type signs with, whatever the key it certifies. */
    public static String signatureAlgorithmFor(java.security.PrivateKey key) {
        return key.getAlgorithm().equals("RSA") ? RSA_2048.signatureAlgorithm : EC_P256.signatureAlgorithm;
    }
}
