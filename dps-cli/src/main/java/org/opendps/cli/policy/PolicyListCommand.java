package org.opendps.cli.policy;

import java.util.List;
import org.opendps.cli.ExitCode;
import org.opendps.cli.output.Json;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.wire.json.PolicyJson;
import picocli.CommandLine.Command;

/** {@code opendps policy list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the shared access policies and their rights (`policy show` shows the keys).")
public final class PolicyListCommand extends PolicyCommandBase {
    @Override
    protected ExitCode execute() {
        byte[] body = client().get("/policies").body();
        if (output.json()) {
            out().println(Json.pretty(body));
            return ExitCode.OK;
        }
        List<SharedAccessPolicy> policies = PolicyJson.readList(body);
        if (policies.isEmpty()) {
            out().println("No policies.");
        } else {
            PolicyView.table(policies).print(out());
        }
        return ExitCode.OK;
    }
}
