package org.opendps.hub.builtin;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An IoT hub that this OpenDPS serves itself, told apart from the others by its host name. */
public record BuiltInHub(String hostName, Instant created, List<HubPolicy> policies) {
    public BuiltInHub {
        Objects.requireNonNull(hostName, "hostName");
        Objects.requireNonNull(created, "created");
        policies = List.copyOf(policies);
    }

    public Optional<HubPolicy> policy(String keyName) {
        return policies.stream().filter(p -> p.keyName().equalsIgnoreCase(keyName)).findFirst();
    }

    public HubPolicy owner() {
        return policy(HubPolicy.OWNER).orElseThrow(() -> new IllegalStateException(hostName + " has no owner policy"));
    }
}
