package org.opendps.cli.audit;

import picocli.CommandLine.Command;

/** {@code opendps audit}: the log of changes made through the service API (an OpenDPS extension). */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Read the audit log: who (policy), what (operation and resource), when, and the outcome of "
                + "every change made through the service API.", "Needs a policy with the ServiceConfig right."},
        subcommands = AuditListCommand.class)
public final class AuditCommand {}
