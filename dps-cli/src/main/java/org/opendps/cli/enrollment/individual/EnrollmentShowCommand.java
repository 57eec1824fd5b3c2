package org.opendps.cli.enrollment.individual;

import org.opendps.cli.enrollment.ShowCommandBase;
import org.opendps.core.enrollment.IndividualEnrollment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opendps enrollment show}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show an individual enrollment and the device's registration, if any.")
public final class EnrollmentShowCommand extends ShowCommandBase<IndividualEnrollment> {
    @Mixin
    RegistrationIdMixin id;

    public EnrollmentShowCommand() {
        super(IndividualKind.INSTANCE);
    }

    @Override
    protected String id() {
        return id.value();
    }
}
