package org.opendps.core.instance;

import java.util.List;
import java.util.Optional;
import org.opendps.core.security.SharedAccessPolicy;

/**
 * The instance-wide state that every node shares through the database: the ID scope and the shared access
 * policies.
 */
public interface InstanceStore {

    Optional<ServiceInstance> find();

    /** Stores the instance unless one exists; returns whichever is stored afterwards (first writer wins). */
    ServiceInstance createIfAbsent(ServiceInstance instance);

    List<SharedAccessPolicy> policies();

    Optional<SharedAccessPolicy> policy(String keyName);

    /** Inserts or replaces the policy of that key name (key names compare case-insensitively). */
    void putPolicy(SharedAccessPolicy policy);

    boolean deletePolicy(String keyName);
}
