package org.opendps.core.provisioning;

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

    /** Nothing: no Authorization header and no client certificate. */
    record None() implements DeviceCredential {}
}
