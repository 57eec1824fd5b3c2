package org.opendps.core.allocation;

import java.util.List;
import java.util.Objects;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.CustomAllocationDefinition;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsError;

/**
 * The custom allocation webhook, Azure's contract: one call per attempt; the caller retries what may succeed
 * later (429 and above, timeouts) on its own schedule while the device keeps polling.
 */
public interface AllocationWebhook {

    Result call(CustomAllocationDefinition definition, Request request);

    /**
     * What the webhook is told. Exactly one of {@code individualEnrollment} and {@code enrollmentGroup} is set; the
     * implementation sends them as the service API shows them, without keys.
     *
     * @param currentIotHubHostName null unless the device is being re-provisioned
     * @param currentDeviceId null unless the device is being re-provisioned
     * @param payload the device's registration payload; may be null
     */
    record Request(
            IndividualEnrollment individualEnrollment,
            EnrollmentGroup enrollmentGroup,
            String registrationId,
            String currentIotHubHostName,
            String currentDeviceId,
            AttestationType attestationType,
            JsonText payload,
            List<String> linkedHubs) {

        public Request {
            Objects.requireNonNull(registrationId, "registrationId");
            Objects.requireNonNull(attestationType, "attestationType");
            linkedHubs = List.copyOf(linkedHubs);
            if ((individualEnrollment == null) == (enrollmentGroup == null)) {
                throw new IllegalArgumentException("exactly one of individualEnrollment and enrollmentGroup");
            }
        }
    }

    /** The outcome of one call. */
    sealed interface Result {
        /** 200 with a hub; {@code initialTwin} and {@code payload} may be null. */
        record Allocated(String iotHubHostName, JsonText initialTwin, JsonText payload) implements Result {}

        /** A final refusal: 400207, 400208 or 400209 with what the webhook said. */
        record Refused(DpsError error, String message) implements Result {}

        /** Worth another attempt later: 429 or above, a timeout, a connection failure. */
        record TryLater(String reason) implements Result {}
    }
}
