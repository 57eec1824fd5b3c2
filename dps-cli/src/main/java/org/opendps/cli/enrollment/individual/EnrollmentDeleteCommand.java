package org.opendps.cli.enrollment.individual;

import org.opendps.cli.enrollment.DeleteCommandBase;
import org.opendps.core.enrollment.IndividualEnrollment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opendps enrollment delete}. */
@Command(name = "delete", mixinStandardHelpOptions = true,
        description = "Delete an individual enrollment.")
public final class EnrollmentDeleteCommand extends DeleteCommandBase<IndividualEnrollment> {
    @Mixin
    RegistrationIdMixin id;

    public EnrollmentDeleteCommand() {
        super(IndividualKind.INSTANCE);
    }

    @Override
    protected String id() {
        return id.value();
    }
}
