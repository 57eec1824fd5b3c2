package org.opendps.cli.hub;

import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.output.Json;
import org.opendps.wire.json.LinkedHubJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code opendps hub show HOSTNAME}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a linked hub with its key and connection string.")
public final class HubShowCommand extends OnlineCommand {
    @Parameters(index = "0", paramLabel = "HOSTNAME", description = "The hub's host name.")
    String hostName;

    @Override
    protected ExitCode execute() {
        byte[] body = client().get(HubView.path(hostName)).body();
        if (output.json()) {
            out().println(Json.pretty(body));
        } else {
            HubView.details(LinkedHubJson.readHub(body), true).print(out());
        }
        return ExitCode.OK;
    }
}
