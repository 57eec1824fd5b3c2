package org.opendps.core.enrollment;

import java.util.Optional;

public enum ProvisioningStatus {
    ENABLED("enabled"),
    DISABLED("disabled");

    private final String wireName;

    ProvisioningStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<ProvisioningStatus> fromWireName(String name) {
        for (ProvisioningStatus status : values()) {
            if (status.wireName.equalsIgnoreCase(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
