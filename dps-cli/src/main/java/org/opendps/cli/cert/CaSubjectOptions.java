package org.opendps.cli.cert;

import java.time.Duration;
import org.opendps.attestation.pki.CertificateIssuer;
import picocli.CommandLine.Option;

/** {@code --cn}, {@code --subject} and {@code --pathlen} of a CA certificate. */
public final class CaSubjectOptions {
    @Option(names = "--cn", order = 1, paramLabel = "NAME", description = "The CA's common name.")
    String commonName;

    @Option(names = "--subject", order = 2, paramLabel = "DN",
            description = "The whole subject instead of --cn, e.g. \"CN=Line 4 CA,O=Acme,C=DE\".")
    String subject;

    @Option(names = "--pathlen", order = 3, paramLabel = "N",
            description = "How many CAs may follow below this one (basic constraints pathLen). Default: unlimited.")
    Integer pathLength;

    CertificateIssuer.Request request(String defaultCommonName, Duration validity) {
        if (commonName != null && subject != null) {
            throw new IllegalArgumentException("give --cn or --subject, not both");
        }
        if (pathLength != null && pathLength < 0) {
            throw new IllegalArgumentException("--pathlen must not be negative");
        }
        CertificateIssuer.Request request = CertificateIssuer.Request.ca(
                commonName == null ? defaultCommonName : commonName, validity);
        if (subject != null) {
            request = request.withSubject(subject);
        }
        return pathLength == null ? request : request.withPathLength(pathLength);
    }
}
