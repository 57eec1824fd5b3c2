package org.opendps.cli.certificate;

import org.opendps.cli.OnlineCommand;
import org.opendps.cli.http.ServiceClient;
import org.opendps.cli.output.Details;
import org.opendps.cli.output.Json;
import org.opendps.wire.json.CaCertificateJson;

/** What the certificate commands share: the path of a certificate, and how one is printed. */
abstract class CertificateCommandBase extends OnlineCommand {

    static String path(String name, String... action) {
        String[] segments = new String[2 + action.length];
        segments[0] = "certificates";
        segments[1] = name;
        System.arraycopy(action, 0, segments, 2, action.length);
        return ServiceClient.path(segments);
    }

    /** The certificate's current etag, which its actions require. */
    final String etag(String name) {
        return CaCertificateJson.readSummary(client().get(path(name)).body()).etag();
    }

    final void print(byte[] body) {
        if (output.json()) {
            out().println(Json.pretty(body));
            return;
        }
        CaCertificateJson.Summary certificate = CaCertificateJson.readSummary(body);
        new Details()
                .add("name", certificate.name())
                .add("subject", certificate.subject())
                .add("thumbprint", certificate.thumbprint())
                .add("expiry", certificate.expiry())
                .add("verified", certificate.verified())
                .add("etag", certificate.etag())
                .print(out());
    }
}
