package org.opendps.cli.key;

import picocli.CommandLine.Command;

/** {@code opendps key}: key tools that work offline. */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Key tools (offline).",
        subcommands = KeyDeriveCommand.class)
public final class KeyCommand {}
