package org.opendps.cli.cert;

import java.io.PrintWriter;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opendps.cli.output.Details;
import org.opendps.cli.output.Json;
import org.opendps.cli.output.OutputFiles;
import org.opendps.core.enrollment.X509Certificates;

/** What a cert command prints about the certificate it made: names, validity, thumbprints and the files. */
final class CertificateView {
    private CertificateView() {}

    static Map<String, String> fields(X509Certificate certificate, CertificateFiles files, OutputFiles out) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("subject", certificate.getSubjectX500Principal().getName());
        fields.put("issuer", certificate.getIssuerX500Principal().getName());
        fields.put("notAfter", certificate.getNotAfter().toInstant().toString());
        fields.put("sha1Thumbprint", thumbprint("SHA-1", certificate));
        fields.put("sha256Thumbprint", thumbprint("SHA-256", certificate));
        fields.put("certificateFile", out.resolve(files.certificate()).toString());
        if (files.key() != null) {
            fields.put("keyFile", out.resolve(files.key()).toString());
        }
        if (files.chain() != null) {
            fields.put("chainFile", out.resolve(files.chain()).toString());
        }
        return fields;
    }

    static void print(PrintWriter writer, boolean json, Map<String, String> fields) {
        if (json) {
            writer.println(Json.prettyObject(fields));
        } else {
            Details details = new Details();
            fields.forEach(details::add);
            details.print(writer);
        }
    }

    /** Upper-case hex, as Azure shows thumbprints. */
    static String thumbprint(String algorithm, X509Certificate certificate) {
        try {
            return X509Certificates.thumbprint(algorithm, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate just made cannot be encoded", e);
        }
    }
}
