package org.opendps.cli.cert;

import org.opendps.attestation.pki.KeyAlgorithm;
import org.opendps.cli.CliException;
import picocli.CommandLine.Option;

/** {@code --key-type ec|rsa} and {@code --rsa-bits}: ECDSA P-256 unless a device's TLS stack needs RSA. */
public final class KeyTypeOptions {
    enum KeyType { ec, rsa }

    @Option(names = "--key-type", order = 40, paramLabel = "TYPE", defaultValue = "ec",
            description = "ec (ECDSA P-256) or rsa. Default: ${DEFAULT-VALUE}.")
    KeyType keyType = KeyType.ec;

    @Option(names = "--rsa-bits", order = 41, paramLabel = "BITS",
            description = "RSA key size with --key-type rsa: 2048 (default), 3072 or 4096.")
    Integer rsaBits;

    public KeyAlgorithm algorithm() {
        if (keyType == KeyType.ec) {
            if (rsaBits != null) {
                throw CliException.usage("--rsa-bits needs --key-type rsa");
            }
            return KeyAlgorithm.EC_P256;
        }
        try {
            return KeyAlgorithm.rsa(rsaBits == null ? 2048 : rsaBits);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--rsa-bits: " + e.getMessage());
        }
    }
}
