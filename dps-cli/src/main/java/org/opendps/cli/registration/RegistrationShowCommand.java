package org.opendps.cli.registration;

import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.http.ServiceClient;
import org.opendps.cli.output.Json;
import org.opendps.wire.json.RegistrationStateJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code opendps registration show ID}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a device's registration: assigned hub, device ID, status, error.")
public final class RegistrationShowCommand extends OnlineCommand {
    @Parameters(index = "0", paramLabel = "REGISTRATION_ID", description = "The device's registration ID.")
    String registrationId;

    @Override
    protected ExitCode execute() {
        byte[] body = client().get(ServiceClient.path("registrations", registrationId)).body();
        if (output.json()) {
            out().println(Json.pretty(body));
        } else {
            RegistrationView.details(RegistrationStateJson.read(body)).print(out());
        }
        return ExitCode.OK;
    }
}
