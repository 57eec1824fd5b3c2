package org.opendps.core.allocation;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opendps.core.hub.LinkedHub;

/**
 * Azure's {@code static} policy: the device goes to the one hub its enrollment names.
 *
 * <p>Azure requires a static enrollment to list exactly one hub in {@code iotHubs}; that check belongs to enrollment
 * validation, so the caller passes that single entry and this selector takes the first candidate rather than
 * failing at registration time. It ignores the registration ID and the hub's weight. Thread-safe.
 */
public final class StaticSelector implements HubSelector {

    @Override
    public Optional<LinkedHub> select(String registrationId, List<LinkedHub> candidates) {
        Objects.requireNonNull(candidates, "candidates");
        return candidates.isEmpty() ? Optional.empty() : Optional.of(candidates.get(0));
    }
}
