package org.opendps.cli.tpm;

import java.util.HexFormat;
import tss.Tpm;
import tss.tpm.CreatePrimaryResponse;
import tss.tpm.ReadPublicResponse;
import tss.tpm.TPM2B_PUBLIC;
import tss.tpm.TPM2B_PUBLIC_KEY_RSA;
import tss.tpm.TPMA_OBJECT;
import tss.tpm.TPMS_NULL_ASYM_SCHEME;
import tss.tpm.TPMS_PCR_SELECTION;
import tss.tpm.TPMS_RSA_PARMS;
import tss.tpm.TPMS_SENSITIVE_CREATE;
import tss.tpm.TPMT_PUBLIC;
import tss.tpm.TPMT_SYM_DEF_OBJECT;
import tss.tpm.TPM_ALG_ID;
import tss.tpm.TPM_HANDLE;
import tss.tpm.TPM_RC;
import tss.tpm.TPM_RH;

/**
 * A TPM's endorsement key and storage root key, as Azure's device SDKs use them: persisted at 0x81010001 and
 * 0x81000001. A key already there is read, so the output is what the device will send; a missing one is created
 * (the TCG default EK in the endorsement hierarchy, an SRK in the owner hierarchy, both RSA-2048 with AES-128-CFB)
 * and persisted there, as the SDKs do on first use, so that the device later presents this very key.
 *
 * @param endorsementKey the EK's TPM2B_PUBLIC
 * @param storageRootKey the SRK's TPM2B_PUBLIC
 * @param created which of the two this call created ("EK", "SRK"); empty when both were there
 */
record TpmKeys(byte[] endorsementKey, byte[] storageRootKey, String created) {
    static final TPM_HANDLE EK_HANDLE = TPM_HANDLE.from(0x81010001);
    static final TPM_HANDLE SRK_HANDLE = TPM_HANDLE.from(0x81000001);

    /** PolicySecret(TPM_RH_ENDORSEMENT): the TCG default EK's policy. */
    private static final byte[] EK_POLICY = HexFormat.of().parseHex(
            "837197674484b3f81a90cc8d46a5d724fd52d76e06520b64f2a1da1b331469aa");
    private static final TPMT_SYM_DEF_OBJECT AES_128_CFB = new TPMT_SYM_DEF_OBJECT(TPM_ALG_ID.AES, 128,
            TPM_ALG_ID.CFB);

    static TpmKeys read(Tpm tpm) {
        StringBuilder created = new StringBuilder();
        TPMT_PUBLIC ek = readOrCreate(tpm, EK_HANDLE, TPM_RH.ENDORSEMENT, endorsementKeyTemplate(), "EK", created);
        TPMT_PUBLIC srk = readOrCreate(tpm, SRK_HANDLE, TPM_RH.OWNER, storageRootKeyTemplate(), "SRK", created);
        return new TpmKeys(new TPM2B_PUBLIC(ek).toTpm(), new TPM2B_PUBLIC(srk).toTpm(), created.toString().strip());
    }

    private static TPMT_PUBLIC readOrCreate(Tpm tpm, TPM_HANDLE persistent, TPM_RH hierarchy, TPMT_PUBLIC template,
            String name, StringBuilder created) {
        ReadPublicResponse existing = tpm._allowErrors().ReadPublic(persistent);
        TPM_RC rc = tpm._getLastResponseCode();
        if (rc.toInt() == TPM_RC.SUCCESS.toInt()) {
            return existing.outPublic;
        }
        if (rc.toInt() != TPM_RC.HANDLE.toInt()) {
            throw new IllegalStateException("reading the " + name + " failed: " + rc);
        }
        CreatePrimaryResponse primary = tpm.CreatePrimary(TPM_HANDLE.from(hierarchy),
                new TPMS_SENSITIVE_CREATE(new byte[0], new byte[0]), template, new byte[0],
                new TPMS_PCR_SELECTION[0]);
        try {
            tpm.EvictControl(TPM_HANDLE.from(TPM_RH.OWNER), primary.handle, persistent);
        } finally {
            tpm.FlushContext(primary.handle);
        }
        created.append(name).append(' ');
        return primary.outPublic;
    }

    /** The TCG EK Credential Profile's default RSA template (L-1). */
    private static TPMT_PUBLIC endorsementKeyTemplate() {
        return new TPMT_PUBLIC(TPM_ALG_ID.SHA256,
                new TPMA_OBJECT(TPMA_OBJECT.fixedTPM, TPMA_OBJECT.fixedParent, TPMA_OBJECT.sensitiveDataOrigin,
                        TPMA_OBJECT.adminWithPolicy, TPMA_OBJECT.restricted, TPMA_OBJECT.decrypt),
                EK_POLICY, new TPMS_RSA_PARMS(AES_128_CFB, new TPMS_NULL_ASYM_SCHEME(), 2048, 0),
                new TPM2B_PUBLIC_KEY_RSA(new byte[256]));
    }

    /** A storage key with no policy and an empty password, usable by the device's SDK. */
    private static TPMT_PUBLIC storageRootKeyTemplate() {
        return new TPMT_PUBLIC(TPM_ALG_ID.SHA256,
                new TPMA_OBJECT(TPMA_OBJECT.fixedTPM, TPMA_OBJECT.fixedParent, TPMA_OBJECT.sensitiveDataOrigin,
                        TPMA_OBJECT.userWithAuth, TPMA_OBJECT.noDA, TPMA_OBJECT.restricted, TPMA_OBJECT.decrypt),
                new byte[0], new TPMS_RSA_PARMS(AES_128_CFB, new TPMS_NULL_ASYM_SCHEME(), 2048, 0),
                new TPM2B_PUBLIC_KEY_RSA(new byte[256]));
    }
}
