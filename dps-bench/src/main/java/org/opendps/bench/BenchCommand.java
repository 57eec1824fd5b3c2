package org.opendps.bench;

import picocli.CommandLine.Command;

/** {@code opendps bench}: load tools for capacity planning against a running server. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Simulate a fleet of devices against a running OpenDPS and measure it.",
        subcommands = {BenchRegisterCommand.class, TlsCeilingCommand.class})
public final class BenchCommand {
}
