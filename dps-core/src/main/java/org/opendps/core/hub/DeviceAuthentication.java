package org.opendps.core.hub;

/** How a device authenticates to its hub. */
public sealed interface DeviceAuthentication {

    /** SAS keys (base64): enrollment keys, or keys derived from a group key. */
    record SymmetricKey(String primaryKey, String secondaryKey) implements DeviceAuthentication {
        @Override
        public String toString() {
            return "SymmetricKey[keys hidden]";
        }
    }

    /** Self-signed style X.509: the hub matches the device certificate's thumbprint (upper-case hex). */
    record X509Thumbprint(String primaryThumbprint, String secondaryThumbprint) implements DeviceAuthentication {}

    /**
     * CA-signed X.509 ({@code certificateAuthority}): no keys and no thumbprints; the device's certificate must chain
     * to a CA the hub trusts and name the device in its subject CN.
     */
    record CertificateAuthority() implements DeviceAuthentication {}
}
