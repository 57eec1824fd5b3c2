package org.opendps.core.security;

import java.util.Objects;

/**
 * A shared access signature as a client presented it.
 *
 * @param resourceUri {@code sr} exactly as it appeared in the token (not decoded): the signature covers this form
 * @param signature {@code sig}, URL-decoded, base64
 * @param expiry {@code se}, seconds since the epoch
 * @param keyName {@code skn}; may be empty or absent (null)
 */
public record SasToken(String resourceUri, String signature, long expiry, String keyName) {
    public SasToken {
        Objects.requireNonNull(resourceUri, "resourceUri");
        Objects.requireNonNull(signature, "signature");
    }

    @Override
    public String toString() {
        return "SasToken[sr=" + resourceUri + ", se=" + expiry + ", skn=" + keyName + "]"; // never the signature
    }
}
