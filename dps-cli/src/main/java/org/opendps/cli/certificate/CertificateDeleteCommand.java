package org.opendps.cli.certificate;

import org.opendps.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code opendps certificate delete NAME}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a CA certificate; devices of groups that name it can no longer register.")
public final class CertificateDeleteCommand extends CertificateCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The certificate's name.")
    String name;

    @Override
    protected ExitCode execute() {
        client().delete(path(name), null);
        if (!output.json()) {
            out().println("Deleted certificate '" + name + "'.");
        }
        return ExitCode.OK;
    }
}
