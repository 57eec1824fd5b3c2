package org.opendps.server.http.hub;

import static org.opendps.hub.builtin.HubRight.REGISTRY_READ;
import static org.opendps.hub.builtin.HubRight.REGISTRY_WRITE;

import org.opendps.core.error.DpsException;
import org.opendps.hub.Etags;
import org.opendps.hub.registry.DeviceDraft;
import org.opendps.hub.registry.HubDevice;
import org.opendps.hub.registry.HubRegistry;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.wire.json.HubRegistryJson;
import org.opendps.wire.json.HubRegistryJson.DeviceBody;
import org.opendps.wire.json.HubRegistryJson.DeviceView;

/** {@code /devices}: the identity registry of a built-in hub, under IoT Hub's registry rights. */
final class DeviceRoutes {
    private final HubRegistry registry;

    private DeviceRoutes(HubRegistry registry) {
        this.registry = registry;
    }

    static void register(RouteTable routes, HubGuard guard, HubRegistry registry) {
        DeviceRoutes r = new DeviceRoutes(registry);
        routes.add("GET", "/devices", guard.requiring(REGISTRY_READ, r::list))
                .add("PUT", "/devices/{id}", guard.requiring(REGISTRY_WRITE, r::put))
                .add("GET", "/devices/{id}", guard.requiring(REGISTRY_READ, r::get))
                .add("DELETE", "/devices/{id}", guard.requiring(REGISTRY_WRITE, r::delete));
    }

    /**
     * Creates (no If-Match; 409 when the ID is taken) or replaces ({@code *} or the etag; 412 when it is stale). The
     * body may leave out the device ID, which the path gives; one that differs from the path is a mistake.
     */
    private ApiResponse put(ApiRequest request, String hub) {
        String deviceId = request.param(0);
        DeviceBody body = HubRegistryJson.readDevice(request.body());
        if (body.deviceId() != null && !body.deviceId().equals(deviceId)) {
            throw DpsException.invalidField("deviceId", "must equal the device ID in the request path");
        }
        HubDevice stored = registry.put(hub, new DeviceDraft(deviceId, body.status(), body.statusReason(),
                body.authentication(), body.iotEdge()), request.header("If-Match"));
        return ApiResponse.ok(HubRegistryJson.writeDevice(view(stored)));
    }

    private ApiResponse get(ApiRequest request, String hub) {
        return ApiResponse.ok(HubRegistryJson.writeDevice(view(registry.get(hub, request.param(0)))));
    }

    /** No If-Match deletes whatever version is there, as {@code *} does; Azure answers 204. */
    private ApiResponse delete(ApiRequest request, String hub) {
        registry.delete(hub, request.param(0), request.header("If-Match"));
        return ApiResponse.noContent();
    }

    /** {@code GET /devices?top=N}: the first N devices (100 when absent, 1000 at most), in device ID order. */
    private ApiResponse list(ApiRequest request, String hub) {
        return ApiResponse.ok(HubRegistryJson.writeDevices(registry.list(hub, top(request.queryParam("top")), null)
                .items().stream().map(DeviceRoutes::view).toList()));
    }

    static DeviceView view(HubDevice device) {
        return new DeviceView(device.deviceId(), device.generationId(), Etags.bare(device.revision()),
                device.enabled(), device.statusReason(), device.authentication(), device.iotEdge());
    }

    private static Integer top(String top) {
        if (top == null || top.isBlank()) {
            return null;
        }
        try {
            int value = Integer.parseInt(top.trim());
            if (value >= 1) {
                return Math.min(value, HubRegistry.MAX_PAGE_SIZE);
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DpsException.invalidField("top", "must be a whole number from 1 to " + HubRegistry.MAX_PAGE_SIZE);
    }
}
