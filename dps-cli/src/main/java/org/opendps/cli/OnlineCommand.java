package org.opendps.cli;

import org.opendps.cli.connection.ConnectionMixin;
import org.opendps.cli.http.ServiceClient;
import picocli.CommandLine.Mixin;

/** A command that talks to a running server's service API, and prints text or the server's JSON. */
public abstract class OnlineCommand extends BaseCommand {
    @Mixin
    protected ConnectionMixin connection;

    @Mixin
    protected OutputMixin output;

    private ServiceClient client;

    /** The client of the server the connection options name, opened on first use. */
    protected final ServiceClient client() {
        if (client == null) {
            client = ServiceClient.open(connection.resolve());
        }
        return client;
    }
}
