package org.opendps.cli.enrollment.individual;

import picocli.CommandLine.Command;

/** {@code opendps enrollment}: individual enrollments. */
@Command(name = "enrollment", mixinStandardHelpOptions = true,
        description = "Manage individual enrollments (one device each).",
        subcommands = {
            EnrollmentCreateCommand.class,
            EnrollmentShowCommand.class,
            EnrollmentListCommand.class,
            EnrollmentUpdateCommand.class,
            EnrollmentDeleteCommand.class
        })
public final class EnrollmentCommand {}
