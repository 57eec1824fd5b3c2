package org.opendps.hub.builtin;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.opendps.core.security.PolicyKeys;

/** A shared access policy of a built-in hub: {@code iothubowner} and the like. */
public record HubPolicy(String keyName, String primaryKey, String secondaryKey, Set<HubRight> rights)
        implements PolicyKeys {
    public static final String OWNER = "iothubowner";

    public HubPolicy {
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(primaryKey, "primaryKey");
        Objects.requireNonNull(secondaryKey, "secondaryKey");
        rights = rights.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rights));
    }

    public boolean grants(HubRight right) {
        return rights.contains(right);
    }

    @Override
    public String toString() {
        return "HubPolicy[" + keyName + ", " + HubRight.format(rights) + "]"; // never the keys
    }
}
