package org.opendps.core.instance;

import java.util.List;
import java.util.Optional;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.security.SharedAccessPolicy;

/**
 * The instance-wide state that every node shares through the database: the ID scope and the shared access
 * policies.
 */
public interface InstanceStore {

    Optional<ServiceInstance> find();

    /** Stores the instance unless one exists; returns whichever is stored afterwards (first writer wins). */
    ServiceInstance createIfAbsent(ServiceInstance instance);

    /**
     * Sets the allocation policy enrollments without their own use.
     *
     * @throws IllegalStateException when there is no instance yet
     * @throws IllegalArgumentException for custom, which only an enrollment may have
     */
    void updateAllocationPolicy(AllocationPolicy policy);

    List<SharedAccessPolicy> policies();

    Optional<SharedAccessPolicy> policy(String keyName);

    /** Inserts or replaces the policy of that key name (key names compare case-insensitively). */
    void putPolicy(SharedAccessPolicy policy);

    /**
     * Stores the policy unless one of that key name exists; returns whichever is stored afterwards. Nodes that start
     * together on a new database each make the owner policy: the first writer wins, so all print the same keys.
     */
    SharedAccessPolicy createPolicyIfAbsent(SharedAccessPolicy policy);

    boolean deletePolicy(String keyName);
}
