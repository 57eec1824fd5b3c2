package org.opendps.cli.enrollment.individual;

import org.opendps.cli.enrollment.ListCommandBase;
import org.opendps.core.enrollment.IndividualEnrollment;
import picocli.CommandLine.Command;

/** {@code opendps enrollment list}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List individual enrollments (POST /enrollments/query), following every page.",
            "Conditions may test registrationId, deviceId, provisioningStatus, attestation.type, "
                    + "iotHubHostName and allocationPolicy."})
public final class EnrollmentListCommand extends ListCommandBase<IndividualEnrollment> {
    public EnrollmentListCommand() {
        super(IndividualKind.INSTANCE);
    }
}
