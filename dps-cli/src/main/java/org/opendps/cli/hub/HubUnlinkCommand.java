package org.opendps.cli.hub;

import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code opendps hub unlink HOSTNAME}. */
@Command(name = "unlink", mixinStandardHelpOptions = true,
        description = {"Unlink a hub: no device is assigned to it any more.",
            "Devices already there stay; enrollments that name it keep its name."})
public final class HubUnlinkCommand extends OnlineCommand {
    @Parameters(index = "0", paramLabel = "HOSTNAME", description = "The hub's host name.")
    String hostName;

    @Override
    protected ExitCode execute() {
        client().delete(HubView.path(hostName), null);
        if (!output.json()) {
            out().println("Unlinked hub '" + hostName + "'.");
        }
        return ExitCode.OK;
    }
}
