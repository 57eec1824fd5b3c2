package org.opendps.app;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHub;

/**
 * Sends each hub call where the hub lives: a built-in hub of this instance in-process, any other hub through the
 * IoT Hub service REST API.
 */
final class HubGatewayRouter implements HubGateway {
    private final Set<String> builtIn;
    private final HubGateway embedded;
    private final HubGateway remote;

    HubGatewayRouter(Set<String> builtInHostNames, HubGateway embedded, HubGateway remote) {
        this.builtIn = builtInHostNames.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.embedded = embedded;
        this.remote = remote;
    }

    private HubGateway route(LinkedHub hub) {
        return builtIn.contains(hub.hostName().toLowerCase(Locale.ROOT)) ? embedded : remote;
    }

    @Override
    public void putDevice(LinkedHub hub, DeviceIdentity identity) {
        route(hub).putDevice(hub, identity);
    }

    @Override
    public Optional<DeviceIdentity> getDevice(LinkedHub hub, String deviceId) {
        return route(hub).getDevice(hub, deviceId);
    }

    @Override
    public boolean deleteDevice(LinkedHub hub, String deviceId) {
        return route(hub).deleteDevice(hub, deviceId);
    }

    @Override
    public void replaceTwin(LinkedHub hub, String deviceId, DeviceTwin twin) {
        route(hub).replaceTwin(hub, deviceId, twin);
    }

    @Override
    public Optional<DeviceTwin> readTwin(LinkedHub hub, String deviceId) {
        return route(hub).readTwin(hub, deviceId);
    }
}
