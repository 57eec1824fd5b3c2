package org.opendps.server.http.hub;

import java.time.Clock;
import java.util.Objects;
import org.opendps.hub.builtin.BuiltInHubStore;
import org.opendps.hub.registry.HubRegistry;
import org.opendps.hub.twin.TwinService;
import org.opendps.server.mqtt.DirectMethods;

/**
 * What the built-in hubs' service API needs: their devices, twins and policies, the clock that tokens and
 * error stamps are judged by, and the direct methods of connected devices (null: every device is offline).
 */
public record HubApi(HubRegistry registry, TwinService twins, BuiltInHubStore hubs, Clock clock,
        DirectMethods methods) {

    /** With no device endpoint: every direct method finds its device offline. */
    public HubApi(HubRegistry registry, TwinService twins, BuiltInHubStore hubs, Clock clock) {
        this(registry, twins, hubs, clock, null);
    }

    public HubApi {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(twins, "twins");
        Objects.requireNonNull(hubs, "hubs");
        Objects.requireNonNull(clock, "clock");
    }
}
