package org.opendps.core.allocation;

import java.util.OptionalLong;
import org.opendps.core.hub.LinkedHub;

/** What the service knows of the round trip from this node to a hub; empty when it has no measurement. */
public interface LatencyEstimator {
    OptionalLong roundTripMillis(LinkedHub hub);
}
