package org.opendps.attestation.tpm;

import java.util.Locale;
import org.bouncycastle.util.encoders.Base32;

/**
 * The registration ID every Azure SDK derives from a TPM when none is given: lower-case base32 of SHA-256 over the
 * endorsement key's TPM2B_PUBLIC, without padding.
 */
public final class TpmRegistrationId {
    private TpmRegistrationId() {}

    public static String of(byte[] endorsementKeyTpm2bPublic) {
        return Base32.toBase32String(TpmCrypto.sha256(endorsementKeyTpm2bPublic)).replace("=", "")
                .toLowerCase(Locale.ROOT);
    }
}
