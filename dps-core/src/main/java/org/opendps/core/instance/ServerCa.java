package org.opendps.core.instance;

import java.time.Instant;
import java.util.Objects;

/**
 * The instance's TLS root CA: clients trust its certificate, and each node signs its own server certificate with
 * its key. One per instance, shared by every node through the database.
 *
 * @param certificatePem the CA certificate, PEM
 * @param privateKeyPem its private key, PKCS#8 PEM: a secret, left out of {@link #toString()}
 */
public record ServerCa(String certificatePem, String privateKeyPem, Instant created) {

    public ServerCa {
        Objects.requireNonNull(certificatePem, "certificatePem");
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(created, "created");
    }

    @Override
    public String toString() {
        return "ServerCa[created=" + created + "]";
    }
}
