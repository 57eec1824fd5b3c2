package org.opendps.core.allocation;

import java.util.List;
import java.util.Optional;
import org.opendps.core.hub.LinkedHub;

/** Chooses one of the candidate hubs for a device; empty when there is no candidate. */
public interface HubSelector {
    Optional<LinkedHub> select(String registrationId, List<LinkedHub> candidates);
}
