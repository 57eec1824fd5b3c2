package org.opendps.cli.tpm;

import picocli.CommandLine.Command;

/** {@code opendps tpm}: tools for manufacturing TPM devices, run next to the TPM. */
@Command(name = "tpm", mixinStandardHelpOptions = true,
        description = "TPM tools for device manufacturing (offline; next to the TPM).",
        subcommands = TpmEkCommand.class)
public final class TpmCommand {}
