package org.opendps.cli.enrollment.group;

import org.opendps.cli.enrollment.ShowCommandBase;
import org.opendps.core.enrollment.EnrollmentGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opendps enrollment-group show}. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show an enrollment group.")
public final class GroupShowCommand extends ShowCommandBase<EnrollmentGroup> {
    @Mixin
    GroupIdMixin id;

    public GroupShowCommand() {
        super(GroupKind.INSTANCE);
    }

    @Override
    protected String id() {
        return id.value();
    }
}
