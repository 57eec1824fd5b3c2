package org.opendps.core.enrollment;

import java.util.List;
import java.util.Objects;

/**
 * What individual enrollments and enrollment groups have in common besides their identity and attestation: how
 * devices are placed on hubs and what they start with.
 *
 * @param allocationPolicy null means the instance's policy
 * @param initialTwin null means no initial twin; otherwise {@code {"tags":{..},"properties":{"desired":{..}}}}
 */
public record EnrollmentSettings(
        boolean iotEdge,
        String iotHubHostName,
        JsonText initialTwin,
        ProvisioningStatus provisioningStatus,
        ReprovisionPolicy reprovisionPolicy,
        AllocationPolicy allocationPolicy,
        List<String> iotHubs,
        CustomAllocationDefinition customAllocationDefinition) {

    public static final EnrollmentSettings DEFAULTS = new EnrollmentSettings(
            false, null, null, ProvisioningStatus.ENABLED, ReprovisionPolicy.DEFAULT, null, List.of(), null);

    public EnrollmentSettings {
        Objects.requireNonNull(provisioningStatus, "provisioningStatus");
        Objects.requireNonNull(reprovisionPolicy, "reprovisionPolicy");
        iotHubs = iotHubs == null ? List.of() : List.copyOf(iotHubs);
    }

    public boolean enabled() {
        return provisioningStatus == ProvisioningStatus.ENABLED;
    }
}
