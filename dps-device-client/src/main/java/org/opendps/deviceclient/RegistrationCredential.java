package org.opendps.deviceclient;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** What a device proves itself with: a symmetric key (SAS token) or an X.509 certificate (TLS client auth). */
public sealed interface RegistrationCredential {

    /** A device key, base64: an individual enrollment's key, or one derived from a group key. */
    record SymmetricKey(String key) implements RegistrationCredential {
        public SymmetricKey {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "SymmetricKey[hidden]";
        }
    }

    /** The device certificate first, then the intermediates it sends; the server has the root. */
    record X509(PrivateKey privateKey, List<X509Certificate> chain) implements RegistrationCredential {
        public X509 {
            Objects.requireNonNull(privateKey, "privateKey");
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("an X.509 credential needs the device certificate");
            }
        }

        @Override
        public String toString() {
            return "X509[" + chain.get(0).getSubjectX500Principal().getName() + "]";
        }
    }
}
