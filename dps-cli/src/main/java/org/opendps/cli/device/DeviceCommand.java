package org.opendps.cli.device;

import picocli.CommandLine.Command;

/** {@code opendps device}: what a device does, done from the command line. */
@Command(name = "device", mixinStandardHelpOptions = true,
        description = "Device-side tools: register a device with a DPS as the device would.",
        subcommands = DeviceRegisterCommand.class)
public final class DeviceCommand {}
