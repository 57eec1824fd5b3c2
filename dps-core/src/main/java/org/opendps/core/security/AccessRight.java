package org.opendps.core.security;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The rights a shared access policy grants, named as Azure names them. */
public enum AccessRight {
    SERVICE_CONFIG("ServiceConfig"),
    ENROLLMENT_READ("EnrollmentRead"),
    ENROLLMENT_WRITE("EnrollmentWrite"),
    DEVICE_CONNECT("DeviceConnect"),
    REGISTRATION_STATUS_READ("RegistrationStatusRead"),
    REGISTRATION_STATUS_WRITE("RegistrationStatusWrite");

    private final String wireName;

    AccessRight(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<AccessRight> fromWireName(String name) {
        for (AccessRight right : values()) {
            if (right.wireName.equalsIgnoreCase(name.trim())) {
                return Optional.of(right);
            }
        }
        return Optional.empty();
    }

    /** ARM's form: {@code "ServiceConfig, EnrollmentRead"}. */
    public static String format(Set<AccessRight> rights) {
        return rights.stream().sorted().map(AccessRight::wireName).collect(Collectors.joining(", "));
    }

    public static Set<AccessRight> all() {
        return EnumSet.allOf(AccessRight.class);
    }
}
