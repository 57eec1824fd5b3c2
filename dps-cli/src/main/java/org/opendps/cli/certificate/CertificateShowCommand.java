package org.opendps.cli.certificate;

import org.opendps.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code opendps certificate show NAME}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show a CA certificate.")
public final class CertificateShowCommand extends CertificateCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The certificate's name.")
    String name;

    @Override
    protected ExitCode execute() {
        print(client().get(path(name)).body());
        return ExitCode.OK;
    }
}
