package org.opendps.server.mqtt;

import java.util.Objects;
import org.opendps.hub.connect.DeviceConnectAuthenticator;
import org.opendps.hub.telemetry.TelemetryLog;
import org.opendps.hub.twin.TwinService;

/**
 * What the built-in hubs' device endpoint uses: who may connect, twins, where telemetry goes, the connected
 * devices and the direct methods pending on them (which the hub service API invokes).
 */
public record HubDeviceServices(DeviceConnectAuthenticator authenticator, TwinService twins, TelemetryLog telemetry,
        HubSessions sessions, DirectMethods methods) {
    public HubDeviceServices {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(twins, "twins");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(methods, "methods");
    }

    /** With no device connected yet; connected devices hear of desired property changes from {@code twins}. */
    public static HubDeviceServices create(DeviceConnectAuthenticator authenticator, TwinService twins,
            TelemetryLog telemetry) {
        HubSessions sessions = new HubSessions();
        twins.addListener(sessions);
        return new HubDeviceServices(authenticator, twins, telemetry, sessions, new DirectMethods(sessions));
    }
}
