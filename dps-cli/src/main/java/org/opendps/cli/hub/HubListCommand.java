package org.opendps.cli.hub;

import java.util.List;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.output.Json;
import org.opendps.core.hub.LinkedHub;
import org.opendps.wire.json.LinkedHubJson;
import picocli.CommandLine.Command;

/** {@code opendps hub list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the linked hubs and their allocation settings (`hub show` shows the key).")
public final class HubListCommand extends OnlineCommand {
    @Override
    protected ExitCode execute() {
        byte[] body = client().get("/linkedHubs").body();
        if (output.json()) {
            out().println(Json.pretty(body));
            return ExitCode.OK;
        }
        List<LinkedHub> hubs = LinkedHubJson.readList(body);
        if (hubs.isEmpty()) {
            out().println("No linked hubs.");
        } else {
            HubView.table(hubs).print(out());
        }
        return ExitCode.OK;
    }
}
