package org.opendps.cli.service;

import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.output.Json;
import org.opendps.wire.json.LinkedHubJson;
import picocli.CommandLine.Command;

/** {@code opendps service show}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show the ID scope, the allocation policy and the linked hubs.",
            "--output json shows the hubs' connection strings, keys included."})
public final class ServiceShowCommand extends OnlineCommand {
    @Override
    protected ExitCode execute() {
        byte[] body = client().get("/properties").body();
        if (output.json()) {
            out().println(Json.pretty(body));
        } else {
            ServiceView.details(LinkedHubJson.readProperties(body)).print(out());
        }
        return ExitCode.OK;
    }
}
