package org.opendps.core.registration;

import java.util.Optional;

public enum RegistrationSubstatus {
    INITIAL_ASSIGNMENT("initialAssignment"),
    DEVICE_DATA_MIGRATED("deviceDataMigrated"),
    DEVICE_DATA_RESET("deviceDataReset"),
    REPROVISIONED_TO_INITIAL_ASSIGNMENT("reprovisionedToInitialAssignment");

    private final String wireName;

    RegistrationSubstatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<RegistrationSubstatus> fromWireName(String name) {
        for (RegistrationSubstatus substatus : values()) {
            if (substatus.wireName.equalsIgnoreCase(name)) {
                return Optional.of(substatus);
            }
        }
        return Optional.empty();
    }
}
