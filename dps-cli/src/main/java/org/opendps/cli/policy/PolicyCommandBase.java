package org.opendps.cli.policy;

import org.opendps.cli.OnlineCommand;
import org.opendps.cli.http.ServiceClient;
import org.opendps.cli.output.Json;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.wire.json.PolicyJson;

/** What the policy commands share: the path of a policy, and how one is printed. */
abstract class PolicyCommandBase extends OnlineCommand {

    static String path(String name) {
        return ServiceClient.path("policies", name);
    }

    /** Prints a policy as the server answered it; notes on stderr when the connection in use just lost its key. */
    final void print(byte[] body, boolean keysChanged) {
        SharedAccessPolicy policy = PolicyJson.read(body);
        if (output.json()) {
            out().println(Json.pretty(body));
        } else {
            PolicyView.details(policy, client().connection().hostName()).print(out());
        }
        if (keysChanged && policy.keyName().equalsIgnoreCase(client().connection().keyName())) {
            err().println("note: this connection signs with policy '" + policy.keyName()
                    + "', whose keys just changed; use the new connection string from now on.");
        }
    }
}
