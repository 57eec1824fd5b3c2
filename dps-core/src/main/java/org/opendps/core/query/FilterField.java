package org.opendps.core.query;

import java.util.Optional;

/** The fields a query's WHERE clause may test, by the names clients use. */
public enum FilterField {
    REGISTRATION_ID("registrationId"),
    ENROLLMENT_GROUP_ID("enrollmentGroupId"),
    DEVICE_ID("deviceId"),
    PROVISIONING_STATUS("provisioningStatus"),
    ATTESTATION_TYPE("attestation.type"),
    IOT_HUB_HOST_NAME("iotHubHostName"),
    ALLOCATION_POLICY("allocationPolicy"),
    STATUS("status"),
    ASSIGNED_HUB("assignedHub");

    private final String wireName;

    FilterField(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<FilterField> fromWireName(String name) {
        for (FilterField field : values()) {
            if (field.wireName.equalsIgnoreCase(name)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
