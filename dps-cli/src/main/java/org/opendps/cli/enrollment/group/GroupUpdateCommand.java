package org.opendps.cli.enrollment.group;

import org.opendps.cli.enrollment.UpdateCommandBase;
import org.opendps.core.enrollment.EnrollmentGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opendps enrollment-group update}. */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Change an enrollment group: only the options given change.",
            "Reads it, applies the options and writes it back with If-Match: its etag."})
public final class GroupUpdateCommand extends UpdateCommandBase<EnrollmentGroup> {
    @Mixin
    GroupIdMixin id;

    @Mixin
    GroupOptions options;

    public GroupUpdateCommand() {
        super(GroupKind.INSTANCE);
    }

    @Override
    protected String id() {
        return id.value();
    }

    @Override
    public EnrollmentGroup apply(EnrollmentGroup current) {
        return options.apply(current, settings.applyTo(current.settings()));
    }

    @Override
    protected boolean attestationChanged() {
        return options.attestationGiven();
    }
}
