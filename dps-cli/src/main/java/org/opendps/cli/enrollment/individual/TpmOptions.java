package org.opendps.cli.enrollment.individual;

import org.opendps.cli.CliException;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.TpmAttestation;
import picocli.CommandLine.Option;

/** The TPM's public keys, for {@code --attestation tpm}. */
public final class TpmOptions {
    @Option(names = "--endorsement-key", order = 15, paramLabel = "BASE64",
            description = "TPM endorsement key (public, base64), for tpm attestation.")
    String endorsementKey;

    @Option(names = "--storage-root-key", order = 16, paramLabel = "BASE64",
            description = "TPM storage root key (public, base64), for tpm attestation; optional.")
    String storageRootKey;

    public TpmOptions() {}

    public TpmOptions(String endorsementKey, String storageRootKey) {
        this.endorsementKey = endorsementKey;
        this.storageRootKey = storageRootKey;
    }

    boolean given() {
        return endorsementKey != null || storageRootKey != null;
    }

    /** The keys given; on update, one left out keeps the current TPM's. */
    TpmAttestation attestation(Attestation current) {
        TpmAttestation same = current instanceof TpmAttestation tpm ? tpm : null;
        String ek = endorsementKey != null ? endorsementKey : same != null ? same.endorsementKey() : null;
        if (ek == null) {
            throw CliException.usage("tpm attestation needs --endorsement-key BASE64");
        }
        String srk = storageRootKey != null ? storageRootKey : same != null ? same.storageRootKey() : null;
        return new TpmAttestation(ek, srk);
    }
}
