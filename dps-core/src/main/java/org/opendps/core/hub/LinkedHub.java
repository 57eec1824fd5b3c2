package org.opendps.core.hub;

import java.util.Objects;

/**
 * An IoT hub the service may place devices on, with the shared access policy it uses to manage identities there.
 *
 * @param location free text naming where the hub runs (an Azure region name, a site); used by lowest-latency
 *     allocation; may be empty
 * @param allocationWeight relative share of devices under hashed allocation, at least 1
 * @param applyAllocationPolicy whether instance-level allocation may choose this hub; enrollments that list it in
 *     their {@code iotHubs} may use it regardless
 */
public record LinkedHub(
        String hostName,
        String keyName,
        String key,
        String location,
        int allocationWeight,
        boolean applyAllocationPolicy) {

    public static final int DEFAULT_WEIGHT = 1;
    public static final int MAX_WEIGHT = 1000;

    public LinkedHub {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(keyName, "keyName");
        Objects.requireNonNull(key, "key");
        location = location == null ? "" : location;
        if (allocationWeight < 1 || allocationWeight > MAX_WEIGHT) {
            throw new IllegalArgumentException("allocationWeight must be between 1 and " + MAX_WEIGHT);
        }
    }

    public boolean sameHost(String otherHostName) {
        return hostName.equalsIgnoreCase(otherHostName);
    }

    @Override
    public String toString() {
        return "LinkedHub[" + hostName + ", policy " + keyName + ", location " + location + ", weight "
                + allocationWeight + ", applyAllocationPolicy " + applyAllocationPolicy + "]"; // never the key
    }
}
