package org.opendps.core.enrollment;

import java.util.Optional;

/** How a hub is chosen for a device. Enrollments use the camelCase names; the instance uses PascalCase. */
public enum AllocationPolicy {
    HASHED("hashed"),
    GEO_LATENCY("geoLatency"),
    STATIC("static"),
    CUSTOM("custom");

    private final String wireName;

    AllocationPolicy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AllocationPolicy> fromWireName(String name) {
        for (AllocationPolicy policy : values()) {
            if (policy.wireName.equalsIgnoreCase(name)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }
}
