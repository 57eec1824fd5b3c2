package org.opendps.cli.enrollment.individual;

import org.opendps.cli.enrollment.CreateCommandBase;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opendps enrollment create}. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create an individual enrollment; prints it with its (generated) keys.",
            "Fails with exit code 4 when the registration ID is taken."})
public final class EnrollmentCreateCommand extends CreateCommandBase<IndividualEnrollment> {
    @Mixin
    RegistrationIdMixin id;

    @Mixin
    IndividualOptions options;

    public EnrollmentCreateCommand() {
        super(IndividualKind.INSTANCE);
    }

    @Override
    public IndividualEnrollment draft() {
        return options.draft(id.value(), settings.applyTo(EnrollmentSettings.DEFAULTS));
    }
}
