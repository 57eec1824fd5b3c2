package org.opendps.cli.hub;

import picocli.CommandLine.Command;

/** {@code opendps hub}: the IoT hubs linked to the service (OpenDPS admin API; ARM's job in Azure). */
@Command(name = "hub", mixinStandardHelpOptions = true,
        description = {"Manage linked IoT hubs: the hubs devices may be assigned to, and the policy used there.",
            "Every hub command but monitor needs a policy with the ServiceConfig right; monitor reads a built-in "
                + "hub's telemetry with that hub's own connection string."},
        subcommands = {
            HubListCommand.class,
            HubShowCommand.class,
            HubLinkCommand.class,
            HubUnlinkCommand.class,
            HubMonitorCommand.class
        })
public final class HubCommand {}
