package org.opendps.cli.enrollment.group;

import org.opendps.cli.CliException;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509Entry;
import org.opendps.core.enrollment.X509Kind;
import picocli.CommandLine.Option;

/** CA certificates uploaded to the service, by name: x509 attestation with {@code caReferences}. */
public final class CaReferenceOptions {
    @Option(names = "--ca-reference", order = 15, paramLabel = "NAME",
            description = "Name of a verified CA certificate on the service (x509 caReferences), instead of "
                    + "--certificate.")
    String primary;

    @Option(names = "--secondary-ca-reference", order = 16, paramLabel = "NAME",
            description = "Name of a secondary CA certificate on the service.")
    String secondary;

    public CaReferenceOptions() {}

    public CaReferenceOptions(String primary, String secondary) {
        this.primary = primary;
        this.secondary = secondary;
    }

    boolean given() {
        return primary != null || secondary != null;
    }

    /** The names given; on update, one left out keeps the current reference. */
    X509Attestation attestation(Attestation current) {
        X509Attestation same = current instanceof X509Attestation x && x.kind() == X509Kind.CA_REFERENCES ? x : null;
        X509Entry first = primary != null ? X509Entry.ofCaReference(primary) : same != null ? same.primary() : null;
        if (first == null) {
            throw CliException.usage("--secondary-ca-reference needs --ca-reference NAME");
        }
        X509Entry second = secondary != null ? X509Entry.ofCaReference(secondary)
                : same != null ? same.secondary() : null;
        return new X509Attestation(X509Kind.CA_REFERENCES, first, second);
    }
}
