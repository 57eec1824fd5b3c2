package org.opendps.server.mqtt;

import java.util.Objects;
import org.opendps.hub.connect.DeviceConnectAuthenticator;
import org.opendps.hub.telemetry.TelemetryLog;
import org.opendps.hub.twin.TwinService;

/**
 * What the built-in hubs' device endpoint uses: who may connect, twins, where telemetry goes, the connected
 * devices, the direct methods pending on them and the cloud-to-device messages for them (both of which the hub
 * service API sends).
 */
public record HubDeviceServices(DeviceConnectAuthenticator authenticator, TwinService twins, TelemetryLog telemetry,
        HubSessions sessions, DirectMethods methods, CloudToDevice cloudToDevice) {
    public HubDeviceServices {
        Objects.requireNonNull(authenticator, "authenticator");
        Objects.requireNonNull(twins, "twins");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(cloudToDevice, "cloudToDevice");
    }

    /** With no device connected yet; connected devices hear of desired property changes from {@code twins}. */
    public static HubDeviceServices create(DeviceConnectAuthenticator authenticator, TwinService twins,
            TelemetryLog telemetry) {
        HubSessions sessions = new HubSessions();
        twins.addListener(sessions);
        return new HubDeviceServices(authenticator, twins, telemetry, sessions, new DirectMethods(sessions),
                new CloudToDevice(sessions));
    }
}
