package org.opendps.attestation.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A TPM device's EK and SRK as it sends them (two TPM2B_PUBLIC, one after the other): the activation blob is made,
 * or the keys are refused with the {@link IllegalArgumentException} that TPM attestation answers with a 400. An
 * {@link IllegalStateException} (a crypto failure) would be a 500.
 */
class TpmKeysFuzzTest {
    private static final byte[] HMAC_KEY = new byte[32];
    private final AuthenticationKeyBlob blobs = new AuthenticationKeyBlob(new SecureRandom());

    @FuzzTest(maxDuration = "10s")
    void any_endorsement_and_storage_root_key_wrap_a_blob_or_are_refused(byte[] data) {
        int split = data.length < 2 ? data.length
                : Math.min(data.length, 2 + Short.toUnsignedInt(ByteBuffer.wrap(data).getShort()));
        byte[] endorsementKey = Arrays.copyOfRange(data, 0, split);
        byte[] storageRootKey = Arrays.copyOfRange(data, split, data.length);
        byte[] blob;
        try {
            blob = blobs.wrap(endorsementKey, storageRootKey, HMAC_KEY, "0ne00000001/registrations/dev-1");
        } catch (IllegalArgumentException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(RsaStorageKey.parse(endorsementKey).name()).hasSize(34);
        assertThat(blob).isNotEmpty();
    }
}
