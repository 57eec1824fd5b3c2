package org.opendps.server.http.hub;

import static org.opendps.hub.builtin.HubRight.SERVICE_CONNECT;

import org.opendps.hub.registry.HubRegistry;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;
import org.opendps.server.mqtt.CloudToDevice;
import org.opendps.wire.json.CloudToDeviceJson;
import org.opendps.wire.json.CloudToDeviceJson.CloudToDeviceMessage;

/**
 * {@code POST /messages/deviceBound}: a cloud-to-device message for a device of the hub, under ServiceConnect. An
 * OpenDPS extension: Azure's service clients send these over AMQP. 204 once delivered or queued; 404001 for a
 * device the hub does not know; 403004 when 50 already wait.
 */
final class CloudToDeviceRoutes {
    private CloudToDeviceRoutes() {}

    static void register(RouteTable routes, HubGuard guard, HubRegistry registry, CloudToDevice cloudToDevice) {
        routes.add("POST", "/messages/deviceBound", guard.requiring(SERVICE_CONNECT, (request, hub) ->
                send(request, hub, registry, cloudToDevice)));
    }

    private static ApiResponse send(ApiRequest request, String hub, HubRegistry registry,
            CloudToDevice cloudToDevice) {
        CloudToDeviceMessage message = CloudToDeviceJson.read(request.body());
        registry.get(hub, message.deviceId());
        cloudToDevice.send(hub, message);
        return ApiResponse.noContent();
    }
}
