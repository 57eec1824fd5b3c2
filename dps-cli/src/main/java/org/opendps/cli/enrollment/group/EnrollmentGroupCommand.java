package org.opendps.cli.enrollment.group;

import picocli.CommandLine.Command;

/** {@code opendps enrollment-group}: enrollment groups. */
@Command(name = "enrollment-group", mixinStandardHelpOptions = true,
        description = "Manage enrollment groups (every device that proves membership: a group key or a CA).",
        subcommands = {
            GroupCreateCommand.class,
            GroupShowCommand.class,
            GroupListCommand.class,
            GroupUpdateCommand.class,
            GroupDeleteCommand.class
        })
public final class EnrollmentGroupCommand {}
