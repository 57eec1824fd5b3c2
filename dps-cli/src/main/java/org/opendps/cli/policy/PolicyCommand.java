package org.opendps.cli.policy;

import picocli.CommandLine.Command;

/** {@code opendps policy}: the service's shared access policies (OpenDPS admin API; ARM's job in Azure). */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = {"Manage shared access policies: the key names and keys service clients sign with.",
            "Every policy command needs a policy with the ServiceConfig right."},
        subcommands = {
            PolicyListCommand.class,
            PolicyShowCommand.class,
            PolicyCreateCommand.class,
            PolicyUpdateCommand.class,
            PolicyDeleteCommand.class
        })
public final class PolicyCommand {}
