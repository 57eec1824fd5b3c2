package org.opendps.app;

import java.time.Clock;
import org.opendps.core.instance.InstanceStore;
import org.opendps.core.instance.ServiceInstance;
import org.opendps.core.security.AccessRight;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * Gives a new database its instance identity: an ID scope and the all-rights owner policy. Both live in the
 * database, not in files, so that every node on a shared database is the same instance, and a restart keeps them.
 */
final class InstanceBootstrap {
    private InstanceBootstrap() {}

    static ServiceInstance ensure(InstanceStore store, Clock clock) {
        ServiceInstance instance = store.createIfAbsent(ServiceInstance.generate(clock.instant()));
        if (store.policy(SharedAccessPolicy.OWNER).isEmpty() && store.policies().isEmpty()) {
            store.createPolicyIfAbsent(new SharedAccessPolicy(SharedAccessPolicy.OWNER,
                    SharedAccessSignatures.generateKey(), SharedAccessSignatures.generateKey(), AccessRight.all()));
        }
        return instance;
    }

    /** The policy whose key goes into the printed connection string: the owner, or any with every right. */
    static SharedAccessPolicy adminPolicy(InstanceStore store) {
        return store.policy(SharedAccessPolicy.OWNER)
                .or(() -> store.policies().stream().filter(p -> p.rights().containsAll(AccessRight.all())).findFirst())
                .or(() -> store.policies().stream().filter(p -> p.grants(AccessRight.SERVICE_CONFIG)).findFirst())
                .orElseThrow(() -> new IllegalStateException("The database has no policy with the ServiceConfig right."));
    }
}
