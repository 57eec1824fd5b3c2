package org.opendps.core.registration;

import java.util.Optional;

public enum RegistrationStatus {
    UNASSIGNED("unassigned"),
    ASSIGNING("assigning"),
    ASSIGNED("assigned"),
    FAILED("failed"),
    DISABLED("disabled");

    private final String wireName;

    RegistrationStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RegistrationStatus> fromWireName(String name) {
        for (RegistrationStatus status : values()) {
            if (status.wireName.equalsIgnoreCase(name)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
