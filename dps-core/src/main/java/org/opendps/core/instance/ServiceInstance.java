package org.opendps.core.instance;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.opendps.core.enrollment.AllocationPolicy;

/**
 * The provisioning service instance: what devices name when they register (the ID scope), and how it places
 * devices whose enrollment names no allocation policy of its own.
 *
 * @param allocationPolicy hashed, geoLatency or static; never custom (Azure allows custom only per enrollment)
 */
public record ServiceInstance(String idScope, Instant created, AllocationPolicy allocationPolicy) {
    private static final Pattern ID_SCOPE = Pattern.compile("0ne[0-9A-F]{8}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ServiceInstance {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(allocationPolicy, "allocationPolicy");
        if (allocationPolicy == AllocationPolicy.CUSTOM) {
            throw new IllegalArgumentException("the instance allocation policy cannot be custom");
        }
        if (idScope == null || !ID_SCOPE.matcher(idScope).matches()) {
            throw new IllegalArgumentException("ID scope must be 0ne followed by 8 hex digits: " + idScope);
        }
    }

    /** A new instance with an ID scope in Azure's form: {@code 0ne} and 8 upper-case hex digits. */
    public static ServiceInstance generate(Instant now) {
        return new ServiceInstance("0ne" + String.format(Locale.ROOT, "%08X", RANDOM.nextInt()), now,
                AllocationPolicy.HASHED);
    }
}
