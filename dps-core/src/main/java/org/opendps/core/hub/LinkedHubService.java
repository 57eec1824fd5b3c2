package org.opendps.core.hub;

import java.util.List;
import java.util.Objects;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.instance.InstanceStore;
import org.opendps.core.instance.ServiceInstance;
import org.opendps.core.validation.Base64Values;
import org.opendps.core.validation.Identifiers;

/**
 * Management of the linked hubs and of the instance's allocation policy (under the ServiceConfig right; ARM's job
 * in Azure). Field names in errors are those of the hub's connection string and of ARM's hub description, which
 * are what a user typed.
 */
public final class LinkedHubService {
    public static final int MIN_KEY_BYTES = 16;
    public static final int MAX_KEY_BYTES = 64;
    public static final int MAX_LOCATION = 64;

    /**
     * A hub as a client asked for it, before validation: the host name comes from the request path.
     *
     * @param location null for none
     * @param allocationWeight null for {@link LinkedHub#DEFAULT_WEIGHT}
     * @param applyAllocationPolicy null for true: a newly linked hub takes part in allocation unless told not to
     */
    public record Draft(String keyName, String key, String location, Integer allocationWeight,
            Boolean applyAllocationPolicy) {

        @Override
        public String toString() {
            return "LinkedHubService.Draft[policy " + keyName + ", location " + location + ", weight "
                    + allocationWeight + ", applyAllocationPolicy " + applyAllocationPolicy + "]"; // never the key
        }
    }

    private final LinkedHubStore hubs;
    private final InstanceStore instance;

    public LinkedHubService(LinkedHubStore hubs, InstanceStore instance) {
        this.hubs = Objects.requireNonNull(hubs, "hubs");
        this.instance = Objects.requireNonNull(instance, "instance");
    }

    public List<LinkedHub> list() {
        return hubs.list();
    }

    public LinkedHub get(String hostName) {
        return hubs.find(hostName).orElseThrow(() -> notFound(hostName));
    }

    /** Links a hub or replaces its settings; an existing hub keeps the case its host name was linked with. */
    public LinkedHub put(String hostName, Draft draft) {
        Objects.requireNonNull(draft, "draft");
        Identifiers.hostName("name", hostName);
        Identifiers.policyName("SharedAccessKeyName", draft.keyName());
        if (draft.key() == null || draft.key().isEmpty()) {
            throw DpsException.invalidField("SharedAccessKey", "required");
        }
        Base64Values.decode("SharedAccessKey", draft.key(), MIN_KEY_BYTES, MAX_KEY_BYTES);
        String location = draft.location() == null ? "" : draft.location();
        if (location.length() > MAX_LOCATION) {
            throw DpsException.invalidField("location", "longer than " + MAX_LOCATION + " characters");
        }
        int weight = draft.allocationWeight() == null ? LinkedHub.DEFAULT_WEIGHT : draft.allocationWeight();
        if (weight < 1 || weight > LinkedHub.MAX_WEIGHT) {
            throw DpsException.invalidField("allocationWeight", "must be between 1 and " + LinkedHub.MAX_WEIGHT);
        }
        String storedName = hubs.find(hostName).map(LinkedHub::hostName).orElse(hostName);
        LinkedHub hub = new LinkedHub(storedName, draft.keyName(), draft.key(), location, weight,
                draft.applyAllocationPolicy() == null || draft.applyAllocationPolicy());
        hubs.put(hub);
        return hub;
    }

    public void delete(String hostName) {
        if (!hubs.delete(Objects.requireNonNull(hostName, "hostName"))) {
            throw notFound(hostName);
        }
    }

    /** The instance, whose identity is created at startup before any request can arrive. */
    public ServiceInstance instance() {
        return instance.find().orElseThrow(() -> new IllegalStateException("The service instance does not exist."));
    }

    /** Sets how devices are placed whose enrollment names no policy of its own; returns the changed instance. */
    public ServiceInstance setAllocationPolicy(AllocationPolicy policy) {
        if (policy == null) {
            throw DpsException.invalidField("allocationPolicy", "required");
        }
        if (policy == AllocationPolicy.CUSTOM) {
            throw DpsException.invalidField("allocationPolicy", "custom is available only per enrollment");
        }
        instance.updateAllocationPolicy(policy);
        return instance();
    }

    private static DpsException notFound(String hostName) {
        // The name is quoted back only when it is a host name: a path may carry anything.
        boolean quotable = hostName != null && hostName.length() <= Identifiers.MAX_HOST_NAME
                && hostName.matches("[A-Za-z0-9.-]+");
        return new DpsException(DpsError.LINKED_HUB_NOT_FOUND,
                quotable ? "Linked IoT hub '" + hostName + "' was not found." : null);
    }
}
