package org.opendps.hub.builtin;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The permissions of an IoT hub shared access policy, named as Azure names them. */
public enum HubRight {
    REGISTRY_READ("RegistryRead"),
    REGISTRY_WRITE("RegistryWrite"),
    SERVICE_CONNECT("ServiceConnect"),
    DEVICE_CONNECT("DeviceConnect");

    private final String wireName;

    HubRight(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<HubRight> fromWireName(String name) {
        for (HubRight right : values()) {
            if (right.wireName.equalsIgnoreCase(name.trim())) {
                return Optional.of(right);
            }
        }
        return Optional.empty();
    }

    public static String format(Set<HubRight> rights) {
        return rights.stream().sorted().map(HubRight::wireName).collect(Collectors.joining(", "));
    }

    public static Set<HubRight> all() {
        return EnumSet.allOf(HubRight.class);
    }
}
