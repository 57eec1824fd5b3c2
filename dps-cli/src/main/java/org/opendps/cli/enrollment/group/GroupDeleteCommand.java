package org.opendps.cli.enrollment.group;

import org.opendps.cli.enrollment.DeleteCommandBase;
import org.opendps.core.enrollment.EnrollmentGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opendps enrollment-group delete}. */
@Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete an enrollment group.")
public final class GroupDeleteCommand extends DeleteCommandBase<EnrollmentGroup> {
    @Mixin
    GroupIdMixin id;

    public GroupDeleteCommand() {
        super(GroupKind.INSTANCE);
    }

    @Override
    protected String id() {
        return id.value();
    }
}
