package org.opendps.cli.registration;

import picocli.CommandLine.Command;

/** {@code opendps registration}: what the service remembers of each device's registration. */
@Command(name = "registration", mixinStandardHelpOptions = true,
        description = "Show, list and delete device registration states.",
        subcommands = {RegistrationShowCommand.class, RegistrationListCommand.class, RegistrationDeleteCommand.class})
public final class RegistrationCommand {}
