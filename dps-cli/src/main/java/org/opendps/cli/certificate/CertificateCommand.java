package org.opendps.cli.certificate;

import picocli.CommandLine.Command;

/** {@code opendps certificate}: the CA certificates enrollment groups trust (OpenDPS admin API; ARM in Azure). */
@Command(name = "certificate", mixinStandardHelpOptions = true,
        description = {"Manage CA certificates: the roots and intermediates X.509 enrollment groups chain up to.",
            "A CA counts only once verified: uploaded with --verified, or proven with `certificate verify`.",
            "Every certificate command needs a policy with the ServiceConfig right."},
        subcommands = {
            CertificateListCommand.class,
            CertificateShowCommand.class,
            CertificateUploadCommand.class,
            CertificateVerifyCommand.class,
            CertificateDeleteCommand.class
        })
public final class CertificateCommand {}
