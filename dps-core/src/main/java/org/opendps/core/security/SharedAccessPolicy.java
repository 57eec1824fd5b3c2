package org.opendps.core.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** A named pair of keys and the rights that a token signed with either key carries. */
public record SharedAccessPolicy(String keyName, String primaryKey, String secondaryKey, Set<AccessRight> rights)
        implements PolicyKeys {
    public static final String OWNER = "provisioningserviceowner";

    public SharedAccessPolicy {
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(primaryKey, "primaryKey");
        Objects.requireNonNull(secondaryKey, "secondaryKey");
        rights = rights.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rights));
    }

    public boolean grants(AccessRight right) {
        return rights.contains(right);
    }

    @Override
    public String toString() {
        return "SharedAccessPolicy[" + keyName + ", " + AccessRight.format(rights) + "]"; // never the keys
    }
}
