package org.opendps.attestation.tpm;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * KDFa with HMAC-SHA256 (TPM 2.0 Part 1, 11.4.10.2): SP 800-108 counter mode, where each round hashes
 * {@code counter || label || 0x00 || contextU || contextV || bits}.
 */
final class Kdfa {
    private Kdfa() {}

    static byte[] sha256(byte[] key, String label, byte[] contextU, byte[] contextV, int bits) {
        if (bits <= 0 || bits % 8 != 0) {
            throw new IllegalArgumentException("KDFa derives whole bytes, not " + bits + " bits");
        }
        byte[] labelBytes = label.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[bits / 8];
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            int done = 0;
            for (int counter = 1; done < out.length; counter++) {
                mac.update(new TpmBuffer().u32(counter).raw(labelBytes).raw(new byte[1]).raw(contextU)
                        .raw(contextV).u32(bits).toBytes());
                byte[] round = mac.doFinal();
                int n = Math.min(round.length, out.length - done);
                System.arraycopy(round, 0, out, done, n);
                done += n;
                Arrays.fill(round, (byte) 0);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is missing from this JDK", e);
        }
        return out;
    }
}
