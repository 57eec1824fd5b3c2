package org.opendps.cli.registration;

import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.http.ServiceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opendps registration delete ID [--etag E]}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete a device's registration state.")
public final class RegistrationDeleteCommand extends OnlineCommand {
    @Parameters(index = "0", paramLabel = "REGISTRATION_ID", description = "The device's registration ID.")
    String registrationId;

    @Option(names = "--etag", order = 40, paramLabel = "ETAG",
            description = "Delete only if the etag still matches (If-Match); otherwise exit code 4.")
    String etag;

    @Override
    protected ExitCode execute() {
        client().delete(ServiceClient.path("registrations", registrationId), etag);
        if (!output.json()) {
            out().println("Deleted registration '" + registrationId + "'.");
        }
        return ExitCode.OK;
    }
}
