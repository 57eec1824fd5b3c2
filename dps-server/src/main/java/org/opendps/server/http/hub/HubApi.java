package org.opendps.server.http.hub;

import java.time.Clock;
import java.util.Objects;
import org.opendps.hub.builtin.BuiltInHubStore;
import org.opendps.hub.registry.HubRegistry;
import org.opendps.hub.telemetry.TelemetryLog;
import org.opendps.hub.twin.TwinService;
import org.opendps.server.mqtt.CloudToDevice;
import org.opendps.server.mqtt.DirectMethods;

/**
 * What the built-in hubs' service API needs: their devices, twins and policies, the clock that tokens and
 * error stamps are judged by, the direct methods of connected devices (null: every device is offline), the
 * telemetry devices sent (null: none was, as with no device endpoint) and the cloud-to-device messages (null: no
 * route to send them).
 */
public record HubApi(HubRegistry registry, TwinService twins, BuiltInHubStore hubs, Clock clock,
        DirectMethods methods, TelemetryLog telemetry, CloudToDevice cloudToDevice) {

    /** With no device endpoint: every direct method finds its device offline, and no telemetry arrives. */
    public HubApi(HubRegistry registry, TwinService twins, BuiltInHubStore hubs, Clock clock) {
        this(registry, twins, hubs, clock, null, null, null);
    }

    /** With direct methods but no telemetry. */
    public HubApi(HubRegistry registry, TwinService twins, BuiltInHubStore hubs, Clock clock,
            DirectMethods methods) {
        this(registry, twins, hubs, clock, methods, null, null);
    }

    /** With direct methods and telemetry, but no cloud-to-device messages. */
    public HubApi(HubRegistry registry, TwinService twins, BuiltInHubStore hubs, Clock clock,
            DirectMethods methods, TelemetryLog telemetry) {
        this(registry, twins, hubs, clock, methods, telemetry, null);
    }

    public HubApi {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(twins, "twins");
        Objects.requireNonNull(hubs, "hubs");
        Objects.requireNonNull(clock, "clock");
        telemetry = telemetry == null ? new TelemetryLog(clock) : telemetry;
    }
}
