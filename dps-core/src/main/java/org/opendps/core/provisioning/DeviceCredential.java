package org.opendps.core.provisioning;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import org.opendps.core.security.SasToken;

/** What a device presented to prove who it is, as the endpoint received it. */
public sealed interface DeviceCredential {

    /** A shared access signature (symmetric-key devices, individual or group, and TPM after the challenge). */
    record Sas(SasToken token) implements DeviceCredential {
        public Sas {
            Objects.requireNonNull(token, "token");
        }
    }

    /**
     * The certificate chain the device presented in its TLS handshake, its own (leaf) certificate first, then any
     * intermediates it sent. The TLS layer accepts any chain; whether it proves an enrollment is decided later.
     */
    record X509(List<X509Certificate> chain) implements DeviceCredential {
        public X509 {
            chain = List.copyOf(chain);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("an X.509 credential needs at least the device certificate");
            }
        }

        public X509Certificate leaf() {
            return chain.get(0);
        }
    }

    /**
     * A TPM device's endorsement and storage root keys (base64 TPM2B_PUBLIC), which it sends with every register
     * request, and the token it signed with its challenge key; the token is null on the first request, which asks
     * for the challenge.
     */
    record Tpm(String endorsementKey, String storageRootKey, SasToken token) implements DeviceCredential {
        public Tpm {
            Objects.requireNonNull(endorsementKey, "endorsementKey");
            Objects.requireNonNull(storageRootKey, "storageRootKey");
        }
    }

    /** Nothing: no Authorization header and no client certificate. */
    record None() implements DeviceCredential {}
}
