package org.opendps.cli.cert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.cli.CliException;
import picocli.CommandLine.Option;

/** {@code --ca-cert} and {@code --ca-key}: the CA that signs, read from PEM files and checked to belong together. */
public final class IssuerOptions {
    @Option(names = "--ca-cert", order = 20, paramLabel = "FILE", required = true,
            description = "The signing CA's certificate (PEM). A chain file (CA first, then its issuers) makes the "
                    + "issued chain files complete.")
    Path certificateFile;

    @Option(names = "--ca-key", order = 21, paramLabel = "FILE", required = true,
            description = "The signing CA's private key (PEM, PKCS#8 or PKCS#1).")
    Path keyFile;

    public IssuedCertificate load() {
        IssuedCertificate ca;
        try {
            ca = IssuedCertificate.fromPem(read(certificateFile), read(keyFile));
        } catch (IllegalArgumentException e) {
            throw CliException.local("cannot use " + certificateFile + " with " + keyFile + ": " + e.getMessage());
        }
        if (!ca.isCa()) {
            throw CliException.local(certificateFile + " is not a CA certificate (basic constraints CA:false)");
        }
        return ca;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw CliException.local("cannot read " + file + ": " + e.getMessage());
        }
    }
}
