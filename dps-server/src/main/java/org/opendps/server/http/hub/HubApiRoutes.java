package org.opendps.server.http.hub;

import org.opendps.server.http.RouteTable;

/**
 * Every route of the built-in hubs' service API ({@code protocol/iothub.md} §3), on the DPS's HTTPS listener and
 * route table. Its paths ({@code /devices...}, {@code /twins...}, {@code /messages/events}) are none of the DPS's; the hub a request is for
 * is the one its {@code Host} names, as with Azure's hubs, and tokens are those of that hub's policies. Any
 * api-version is accepted: the shapes served are those of 2021-04-12, which every current SDK sends.
 */
public final class HubApiRoutes {
    private HubApiRoutes() {}

    /** Adds the hub routes to {@code routes} and returns it. */
    public static RouteTable create(RouteTable routes, HubApi api) {
        HubGuard guard = new HubGuard(new ServedHubs(api.hubs(), api.clock()), new HubErrors(api.clock()));
        QueryRoutes.register(routes, guard, api.registry(), api.twins());
        DeviceRoutes.register(routes, guard, api.registry());
        TwinRoutes.register(routes, guard, api.twins(), api.registry(), api.methods());
        TelemetryRoutes.register(routes, guard, api.telemetry());
        if (api.cloudToDevice() != null) {
            CloudToDeviceRoutes.register(routes, guard, api.registry(), api.cloudToDevice());
        }
        return routes;
    }
}
