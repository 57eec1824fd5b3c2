package org.opendps.cli.enrollment.group;

import org.opendps.cli.enrollment.ListCommandBase;
import org.opendps.core.enrollment.EnrollmentGroup;
import picocli.CommandLine.Command;

/** {@code opendps enrollment-group list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List enrollment groups (POST /enrollmentGroups/query), following every page.",
            "Conditions may test enrollmentGroupId, provisioningStatus, attestation.type, iotHubHostName and "
                    + "allocationPolicy."})
public final class GroupListCommand extends ListCommandBase<EnrollmentGroup> {
    public GroupListCommand() {
        super(GroupKind.INSTANCE);
    }
}
