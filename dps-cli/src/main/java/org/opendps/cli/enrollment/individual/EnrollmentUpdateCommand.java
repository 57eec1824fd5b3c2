package org.opendps.cli.enrollment.individual;

import org.opendps.cli.enrollment.UpdateCommandBase;
import org.opendps.core.enrollment.IndividualEnrollment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opendps enrollment update}. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Change an individual enrollment: only the options given change.",
            "Reads it, applies the options and writes it back with If-Match: its etag."})
public final class EnrollmentUpdateCommand extends UpdateCommandBase<IndividualEnrollment> {
    @Mixin
    RegistrationIdMixin id;

    @Mixin
    IndividualOptions options;

    public EnrollmentUpdateCommand() {
        super(IndividualKind.INSTANCE);
    }

    @Override
    protected String id() {
        return id.value();
    }

    @Override
    public IndividualEnrollment apply(IndividualEnrollment current) {
        return options.apply(current, settings.applyTo(current.settings()));
    }

    @Override
    protected boolean attestationChanged() {
        return options.attestationGiven();
    }
}
