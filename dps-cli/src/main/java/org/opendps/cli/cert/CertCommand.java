package org.opendps.cli.cert;

import picocli.CommandLine.Command;

/** {@code opendps cert}: certificate tooling for device makers; works offline. */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = {"Make X.509 certificates for devices (offline): a root CA, intermediates, device "
                + "certificates one at a time or in bulk, and proof-of-possession certificates.",
            "Private keys are written PKCS#8, owner-only; no file is replaced without --force."},
        subcommands = {CreateRootCommand.class, CreateIntermediateCommand.class, CreateDeviceCommand.class,
            CreateDevicesCommand.class, VerificationCertCommand.class})
public final class CertCommand {}
