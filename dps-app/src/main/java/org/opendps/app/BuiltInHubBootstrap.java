package org.opendps.app;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.hub.LinkedHubStore;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.BuiltInHubStore;
import org.opendps.hub.builtin.HubPolicy;
import org.opendps.hub.builtin.HubRight;

/**
 * Creates the built-in hubs a node is told to serve, each with Azure's default policies, and links a new hub to
 * the DPS so that devices can be placed on it at once. A hub that exists already is left as it is, links included:
 * an operator who unlinked it meant it.
 */
final class BuiltInHubBootstrap {
    private BuiltInHubBootstrap() {}

    static List<BuiltInHub> ensure(Set<String> hostNames, BuiltInHubStore hubs, LinkedHubStore links, Clock clock) {
        List<BuiltInHub> served = new ArrayList<>();
        for (String host : hostNames) {
            BuiltInHub hub = hubs.find(host).orElse(null);
            if (hub == null) {
                hub = hubs.createIfAbsent(new BuiltInHub(host, clock.instant(), defaultPolicies()));
                HubPolicy owner = hub.owner();
                links.put(new LinkedHub(hub.hostName(), owner.keyName(), owner.primaryKey(), "", LinkedHub.DEFAULT_WEIGHT,
                        true));
            }
            served.add(hub);
        }
        return served;
    }

    /** Azure's defaults for a new hub: an owner with every right and one policy per common role. */
    private static List<HubPolicy> defaultPolicies() {
        return List.of(
                policy(HubPolicy.OWNER, HubRight.all()),
                policy("service", EnumSet.of(HubRight.SERVICE_CONNECT)),
                policy("device", EnumSet.of(HubRight.DEVICE_CONNECT)),
                policy("registryRead", EnumSet.of(HubRight.REGISTRY_READ)),
                policy("registryReadWrite", EnumSet.of(HubRight.REGISTRY_READ, HubRight.REGISTRY_WRITE)));
    }

    private static HubPolicy policy(String name, Set<HubRight> rights) {
        return new HubPolicy(name, SharedAccessSignatures.generateKey(), SharedAccessSignatures.generateKey(), rights);
    }
}
