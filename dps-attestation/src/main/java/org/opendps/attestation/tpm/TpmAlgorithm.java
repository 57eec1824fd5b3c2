package org.opendps.attestation.tpm;

/** The TPM_ALG_ID values (TPM 2.0 Part 2, table 9) that Azure's TPM attestation uses. */
final class TpmAlgorithm {
    static final int RSA = 0x0001;
    static final int KEYEDHASH = 0x0008;
    static final int SHA256 = 0x000B;
    static final int HMAC = 0x0005;
    static final int AES = 0x0006;
    static final int NULL = 0x0010;
    static final int CFB = 0x0043;

    private TpmAlgorithm() {}
}
