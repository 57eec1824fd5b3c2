package org.opendps.cli.certificate;

import java.util.List;
import org.opendps.cli.ExitCode;
import org.opendps.cli.output.Json;
import org.opendps.cli.output.Table;
import org.opendps.wire.json.CaCertificateJson;
import picocli.CommandLine.Command;

/** {@code opendps certificate list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the CA certificates.")
public final class CertificateListCommand extends CertificateCommandBase {
    @Override
    protected ExitCode execute() {
        byte[] body = client().get("/certificates").body();
        if (output.json()) {
            out().println(Json.pretty(body));
            return ExitCode.OK;
        }
        List<CaCertificateJson.Summary> certificates = CaCertificateJson.readSummaries(body);
        if (certificates.isEmpty()) {
            out().println("No CA certificates.");
            return ExitCode.OK;
        }
        Table table = new Table("NAME", "VERIFIED", "SUBJECT", "THUMBPRINT", "EXPIRY");
        certificates.forEach(c -> table.row(c.name(), c.verified(), c.subject(), c.thumbprint(), c.expiry()));
        table.print(out());
        return ExitCode.OK;
    }
}
