package org.opendps.cli.policy;

import java.util.EnumSet;
import java.util.Set;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.core.security.AccessRight;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.wire.json.PolicyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opendps policy create NAME --rights R,..}. The admin API's PUT creates or replaces, so the command looks
 * first and refuses a name that is taken (exit code 4).
 */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create a shared access policy; prints it with its keys.",
            "Fails with exit code 4 when the name is taken."})
public final class PolicyCreateCommand extends PolicyCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "Key name: alphanumerics and - . _, at most 64.")
    String name;

    @Option(names = "--rights", order = 40, paramLabel = "RIGHT", split = ",", required = true,
            converter = RightsConverter.class, completionCandidates = RightsConverter.Names.class,
            description = "Comma-separated rights among: ${COMPLETION-CANDIDATES}.")
    Set<AccessRight> rights;

    @Mixin
    PolicyKeyOptions keys;

    public SharedAccessPolicy draft() {
        return new SharedAccessPolicy(name, keys.primary(), keys.secondary(), EnumSet.copyOf(rights));
    }

    @Override
    protected ExitCode execute() {
        SharedAccessPolicy draft = draft();
        if (exists()) {
            throw new CliException(ExitCode.CONFLICT,
                    "policy '" + name + "' already exists; change it with `opendps policy update`");
        }
        print(client().put(path(name), PolicyJson.write(draft), null).body(), false);
        return ExitCode.OK;
    }

    private boolean exists() {
        try {
            client().get(path(name));
            return true;
        } catch (CliException e) {
            if (e.exitCode() == ExitCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }
}
