package org.opendps.core.security;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signing and checking of shared access signatures, and the keys they are made with. */
public final class SharedAccessSignatures {
    private static final SecureRandom RANDOM = new SecureRandom();

    private SharedAccessSignatures() {}

    /** A fresh random key, base64, of the length Azure generates (64 bytes). */
    public static String generateKey() {
        byte[] key = new byte[64];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** base64(HMAC-SHA256(base64decode(key), message)): SAS signatures and derived group device keys alike. */
    public static String hmac(String base64Key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** True when the token is signed with {@code base64Key}, compared in constant time. */
    public static boolean isSignedWith(SasToken token, String base64Key) {
        if (base64Key == null || base64Key.isEmpty()) {
            return false;
        }
        String expected = hmac(base64Key, token.resourceUri() + "\n" + token.expiry());
        return ConstantTime.equal(expected, token.signature());
    }

    /** The {@code Authorization} value a client sends: sr URL-encoded, as the Azure clients do. */
    public static String createToken(String resourceUri, String keyName, String base64Key, long expirySeconds) {
        String sr = URLEncoder.encode(resourceUri, StandardCharsets.UTF_8);
        String sig = hmac(base64Key, sr + "\n" + expirySeconds);
        return "SharedAccessSignature sr=" + sr + "&sig=" + URLEncoder.encode(sig, StandardCharsets.UTF_8)
                + "&se=" + expirySeconds + (keyName == null ? "" : "&skn=" + keyName);
    }
}
