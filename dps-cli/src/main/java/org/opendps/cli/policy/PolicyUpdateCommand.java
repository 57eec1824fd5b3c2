package org.opendps.cli.policy;

import java.util.EnumSet;
import java.util.Set;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.core.security.AccessRight;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.wire.json.PolicyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opendps policy update NAME [--rights ..] [--regenerate-keys]}: what is left out stays. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Change a policy's rights or keys; prints it with its keys.",
            "The last policy with ServiceConfig cannot lose that right."})
public final class PolicyUpdateCommand extends PolicyCommandBase {
    @Parameters(index = "0", paramLabel = "NAME", description = "The policy's key name.")
    String name;

    @Option(names = "--rights", order = 40, paramLabel = "RIGHT", split = ",",
            converter = RightsConverter.class, completionCandidates = RightsConverter.Names.class,
            description = "The new rights, comma-separated, among: ${COMPLETION-CANDIDATES}. Default: unchanged.")
    Set<AccessRight> rights;

    @Option(names = "--regenerate-keys", order = 41,
            description = "Replace both keys with fresh random ones (tokens signed with the old keys stop working).")
    boolean regenerateKeys;

    @Mixin
    PolicyKeyOptions keys;

    /** The policy to PUT; "" keys keep the stored ones. */
    public SharedAccessPolicy apply(SharedAccessPolicy current) {
        if (regenerateKeys && keys.given()) {
            throw CliException.usage("give --regenerate-keys or --primary-key/--secondary-key, not both");
        }
        String primary = regenerateKeys ? SharedAccessSignatures.generateKey() : keys.primary();
        String secondary = regenerateKeys ? SharedAccessSignatures.generateKey() : keys.secondary();
        return new SharedAccessPolicy(current.keyName(), primary, secondary,
                rights != null ? EnumSet.copyOf(rights) : current.rights());
    }

    @Override
    protected ExitCode execute() {
        SharedAccessPolicy current = PolicyJson.read(client().get(path(name)).body());
        byte[] updated = client().put(path(name), PolicyJson.write(apply(current)), null).body();
        print(updated, regenerateKeys || keys.given());
        return ExitCode.OK;
    }
}
