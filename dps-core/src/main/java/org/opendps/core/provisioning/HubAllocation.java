package org.opendps.core.provisioning;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.opendps.core.allocation.AllocationWebhook;
import org.opendps.core.allocation.HubSelector;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsError;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.hub.LinkedHubStore;
import org.opendps.core.registration.DeviceRegistrationState;

/**
 * Chooses the hub for a device: the candidates are the enrollment's {@code iotHubs} (or its legacy
 * {@code iotHubHostName}), else every linked hub that applies the instance's policy; the policy is the
 * enrollment's, else the instance's.
 */
final class HubAllocation {
    private final LinkedHubStore hubs;
    private final Map<AllocationPolicy, HubSelector> selectors;
    private final AllocationWebhook webhook;

    HubAllocation(LinkedHubStore hubs, Map<AllocationPolicy, HubSelector> selectors, AllocationWebhook webhook) {
        this.hubs = Objects.requireNonNull(hubs, "hubs");
        this.selectors = new EnumMap<>(selectors);
        this.webhook = Objects.requireNonNull(webhook, "webhook");
        for (AllocationPolicy policy : List.of(AllocationPolicy.HASHED, AllocationPolicy.STATIC,
                AllocationPolicy.GEO_LATENCY)) {
            if (!this.selectors.containsKey(policy)) {
                throw new IllegalArgumentException("no selector for " + policy);
            }
        }
    }

    /** The outcome of allocation: a hub, a final refusal, or (webhook) a reason to try again later. */
    sealed interface Decision {
        /** @param initialTwin the webhook's twin, overriding the enrollment's; payload the webhook's answer */
        record Chosen(LinkedHub hub, JsonText initialTwin, JsonText payload) implements Decision {}

        record Refused(DpsError error, String message) implements Decision {}

        record TryLater(String reason) implements Decision {}
    }

    Decision allocate(AttestedDevice device, AllocationPolicy instancePolicy, DeviceRegistrationState current,
            JsonText payload) {
        EnrollmentSettings settings = device.settings();
        List<LinkedHub> candidates = candidates(settings);
        if (candidates.isEmpty()) {
            return new Decision.Refused(DpsError.NO_HUB_AVAILABLE, DpsError.NO_HUB_AVAILABLE.defaultMessage());
        }
        AllocationPolicy policy = settings.allocationPolicy() != null ? settings.allocationPolicy() : instancePolicy;
        if (policy == AllocationPolicy.CUSTOM) {
            return callWebhook(device, candidates, current, payload);
        }
        Optional<LinkedHub> chosen = selectors.get(policy).select(device.registrationId(), candidates);
        return chosen.<Decision>map(hub -> new Decision.Chosen(hub, null, null)).orElseGet(
                () -> new Decision.Refused(DpsError.NO_HUB_AVAILABLE, DpsError.NO_HUB_AVAILABLE.defaultMessage()));
    }

    /** The linked hub a device is on now, if that hub is still linked. */
    Optional<LinkedHub> linked(String hostName) {
        return hostName == null ? Optional.empty() : hubs.find(hostName);
    }

    private List<LinkedHub> candidates(EnrollmentSettings settings) {
        List<LinkedHub> linked = hubs.list();
        if (!settings.iotHubs().isEmpty()) {
            return linked.stream().filter(h -> settings.iotHubs().stream().anyMatch(h::sameHost)).toList();
        }
        if (settings.iotHubHostName() != null) {
            return linked.stream().filter(h -> h.sameHost(settings.iotHubHostName())).toList();
        }
        return linked.stream().filter(LinkedHub::applyAllocationPolicy).toList();
    }

    private Decision callWebhook(AttestedDevice device, List<LinkedHub> candidates, DeviceRegistrationState current,
            JsonText payload) {
        boolean reprovisioning = current != null && current.assignedHub() != null;
        AllocationWebhook.Request request = new AllocationWebhook.Request(device.individual(), device.group(),
                device.registrationId(), reprovisioning ? current.assignedHub() : null,
                reprovisioning ? current.deviceId() : null, device.attestationType(), payload,
                candidates.stream().map(LinkedHub::hostName).toList());
        AllocationWebhook.Result result = webhook.call(device.settings().customAllocationDefinition(), request);
        if (result instanceof AllocationWebhook.Result.Allocated allocated) {
            return candidates.stream().filter(h -> h.sameHost(allocated.iotHubHostName())).findFirst()
                    .<Decision>map(hub -> new Decision.Chosen(hub, allocated.initialTwin(), allocated.payload()))
                    .orElseGet(() -> new Decision.Refused(DpsError.CUSTOM_ALLOCATION_FAILED,
                            "The webhook chose " + allocated.iotHubHostName() + ", which is not a linked hub."));
        }
        if (result instanceof AllocationWebhook.Result.Refused refused) {
            return new Decision.Refused(refused.error(), refused.message());
        }
        return new Decision.TryLater(((AllocationWebhook.Result.TryLater) result).reason());
    }
}
