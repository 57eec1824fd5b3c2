package org.opendps.cli.policy;

import org.opendps.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code opendps policy delete NAME}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = {"Delete a shared access policy; tokens signed with its keys stop working.",
            "The last policy with ServiceConfig cannot be deleted (exit code 4)."})
public final class PolicyDeleteCommand extends PolicyCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The policy's key name.")
    String name;

    @Override
    protected ExitCode execute() {
        client().delete(path(name), null);
        if (!output.json()) {
            out().println("Deleted policy '" + name + "'.");
        }
        return ExitCode.OK;
    }
}
