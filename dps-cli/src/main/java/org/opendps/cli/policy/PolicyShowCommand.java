package org.opendps.cli.policy;

import org.opendps.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code opendps policy show NAME}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a policy with its keys and its connection string.")
public final class PolicyShowCommand extends PolicyCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The policy's key name.")
    String name;

    @Override
    protected ExitCode execute() {
        print(client().get(path(name)).body(), false);
        return ExitCode.OK;
    }
}
