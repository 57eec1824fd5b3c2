package org.opendps.cli.hub;

import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.output.Json;
import org.opendps.core.hub.LinkedHubService;
import org.opendps.wire.ServiceConnectionString;
import org.opendps.wire.json.LinkedHubJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code opendps hub link HOSTNAME (--connection-string-of-hub CS | --key-name N --key K) [..]}. The admin API's PUT
 * links or replaces, so linking a linked hub again sets all of its settings, defaults included.
 */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Link an IoT hub, or replace the settings of a linked one; prints it without its key.",
            "OpenDPS manages device identities on the hub with the given shared access policy, which needs the "
                    + "RegistryWrite right there (iothubowner has it)."})
public final class HubLinkCommand extends OnlineCommand {
    @Parameters(index = "0", paramLabel = "HOSTNAME", description = "The hub's host name, such as "
            + "my-hub.azure-devices.net.")
    String hostName;

    @ArgGroup(exclusive = true, multiplicity = "1", order = 40)
    Credentials credentials;

    @Option(names = "--location", order = 44, paramLabel = "LOCATION",
            description = "Where the hub runs (an Azure region, a site), at most 64 characters; used by "
                    + "geoLatency allocation. Default: none.")
    String location;

    @Option(names = "--weight", order = 45, paramLabel = "N",
            description = "Share of devices under hashed allocation, 1 to 1000. Default: 1.")
    Integer weight;

    @Option(names = "--no-apply-allocation-policy", order = 46,
            description = "Only enrollments that name this hub may use it; the instance's allocation policy "
                    + "never chooses it.")
    boolean noApplyAllocationPolicy;

    /** The hub's policy: a connection string, or its name and key. */
    static final class Credentials {
        @Option(names = "--connection-string-of-hub", order = 41, paramLabel = "CS", required = true,
                description = "HostName=HOSTNAME;SharedAccessKeyName=POLICY;SharedAccessKey=KEY of the hub.")
        String connectionString;

        @ArgGroup(exclusive = false, multiplicity = "1")
        KeyOptions key;
    }

    static final class KeyOptions {
        @Option(names = "--key-name", order = 42, paramLabel = "POLICY", required = true,
                description = "The hub's shared access policy, such as iothubowner.")
        String keyName;

        @Option(names = "--key", order = 43, paramLabel = "BASE64", required = true,
                description = "That policy's key (16 to 64 bytes, base64).")
        String key;
    }

    /** What the command sends; a usage error when the connection string is malformed or names another hub. */
    public LinkedHubService.Draft draft() {
        String keyName;
        String key;
        if (credentials.connectionString != null) {
            ServiceConnectionString parsed;
            try {
                parsed = ServiceConnectionString.parse(credentials.connectionString);
            } catch (IllegalArgumentException e) {
                throw CliException.usage("--connection-string-of-hub: " + e.getMessage()); // names parts, not keys
            }
            if (!parsed.hostName().equalsIgnoreCase(hostName)) {
                throw CliException.usage("--connection-string-of-hub names HostName " + parsed.hostName()
                        + ", not " + hostName);
            }
            keyName = parsed.keyName();
            key = parsed.key();
        } else {
            keyName = credentials.key.keyName;
            key = credentials.key.key;
        }
        return new LinkedHubService.Draft(keyName, key, location, weight, !noApplyAllocationPolicy);
    }

    @Override
    protected ExitCode execute() {
        byte[] body = client().put(HubView.path(hostName), LinkedHubJson.writeDraft(hostName, draft()), null).body();
        if (output.json()) {
            out().println(Json.pretty(body));
        } else {
            HubView.details(LinkedHubJson.readHub(body), false).print(out());
        }
        return ExitCode.OK;
    }
}
