package org.opendps.cli.enrollment.group;

import org.opendps.cli.enrollment.CreateCommandBase;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code opendps enrollment-group create}. */
@Command(name = "create", mixinStandardHelpOptions = true,
        description = {"Create an enrollment group; prints it with its (generated) group keys.",
            "Devices derive their keys with `opendps key derive`. Fails with exit code 4 when the ID is taken."})
public final class GroupCreateCommand extends CreateCommandBase<EnrollmentGroup> {
    @Mixin
    GroupIdMixin id;

    @Mixin
    GroupOptions options;

    public GroupCreateCommand() {
        super(GroupKind.INSTANCE);
    }

    @Override
    public EnrollmentGroup draft() {
        return options.draft(id.value(), settings.applyTo(EnrollmentSettings.DEFAULTS));
    }
}
