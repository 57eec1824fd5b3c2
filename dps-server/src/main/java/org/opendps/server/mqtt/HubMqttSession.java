package org.opendps.server.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.WorkerExecutor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.opendps.core.error.DpsException;
import org.opendps.server.mqtt.engine.MqttConnection;
import org.opendps.server.mqtt.engine.MqttSession;
import org.opendps.wire.mqtt.HubTopics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected hub device: its subscriptions, the topics it publishes to, and what the hub sends it. Anything
 * aimed at another device closes the connection, as Azure does. Twin calls run on the worker pool; telemetry goes
 * to the in-memory log on the event loop, which keeps a device's messages in order.
 */
public final class HubMqttSession implements MqttSession {
    private static final Logger LOG = LoggerFactory.getLogger(HubMqttSession.class);

    private final MqttConnection connection;
    private final String hub;
    private final String deviceId;
    private final HubDeviceServices services;
    private final WorkerExecutor worker;
    private final Set<String> filters = ConcurrentHashMap.newKeySet();

    HubMqttSession(MqttConnection connection, String hub, String deviceId, HubDeviceServices services,
            WorkerExecutor worker) {
        this.connection = connection;
        this.hub = hub;
        this.deviceId = deviceId;
        this.services = services;
        this.worker = worker;
    }

    String hub() {
        return hub;
    }

    String deviceId() {
        return deviceId;
    }

    boolean takesMethods() {
        return filters.contains("$iothub/methods/POST/#");
    }

    boolean takesCloudToDevice() {
        return filters.contains(cloudToDeviceFilter());
    }

    private String cloudToDeviceFilter() {
        return "devices/" + deviceId + "/messages/devicebound/#";
    }

    @Override
    public List<MqttQoS> subscribe(List<Subscription> subscriptions) {
        List<MqttQoS> granted = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            HubTopics.Filter kind = HubTopics.classifyFilter(subscription.filter(), deviceId);
            if (kind == HubTopics.Filter.FOREIGN) {
                refuse("subscribed to another device's topics");
                return null;
            }
            if (kind == HubTopics.Filter.ALLOWED) {
                filters.add(subscription.filter());
                granted.add(subscription.qos() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE
                        : MqttQoS.AT_LEAST_ONCE);
            } else {
                granted.add(MqttQoS.FAILURE);
            }
        }
        if (takesCloudToDevice()) {
            services.cloudToDevice().subscribed(this);
        }
        return granted;
    }

    @Override
    public void unsubscribe(List<String> topics) {
        filters.removeAll(topics);
    }

    @Override
    public boolean publish(String topic, byte[] payload, MqttQoS qos, boolean retain) {
        HubTopics.Publish publish = HubTopics.parsePublish(topic, deviceId);
        switch (publish.kind()) {
            case TELEMETRY -> services.telemetry().append(hub, deviceId, properties(publish, retain), payload);
            case TWIN_GET -> twinCall(publish.rid(), () -> new Answer(200, null,
                    services.twins().getForDevice(hub, deviceId)));
            case TWIN_REPORTED -> {
                String patch = new String(payload, StandardCharsets.UTF_8);
                twinCall(publish.rid(), () -> new Answer(204,
                        services.twins().patchReported(hub, deviceId, patch, publish.version()), ""));
            }
            case METHOD_RESPONSE -> services.methods().complete(this, publish.rid(), publish.status(),
                    new String(payload, StandardCharsets.UTF_8));
            default -> {
                refuse(publish.kind() == HubTopics.Kind.FOREIGN ? "published to another device's topics"
                        : "published to an unsupported topic");
                return false;
            }
        }
        return true;
    }

    /** The hub stores no retained message; it passes the flag on as Azure does. */
    private static Map<String, String> properties(HubTopics.Publish publish, boolean retain) {
        if (!retain) {
            return publish.properties();
        }
        Map<String, String> properties = new LinkedHashMap<>(publish.properties());
        properties.put("mqtt-retain", "true");
        return properties;
    }

    /** A twin response: the status, the new reported version (204 only) and the body. */
    private record Answer(int status, Long version, String body) {}

    private void twinCall(String rid, Callable<Answer> call) {
        worker.executeBlocking(call, false).onComplete(result -> {
            Answer answer = result.succeeded() ? result.result() : failure(result.cause());
            send(HubTopics.twinResponse(answer.status(), rid, answer.version()), answer.body());
        });
    }

    private Answer failure(Throwable cause) {
        if (cause instanceof DpsException e) {
            return new Answer(e.error().httpStatus(), null, "{\"errorCode\":" + e.error().code() + "}");
        }
        LOG.warn("A twin request of {} in {} failed", deviceId, hub, cause);
        return new Answer(500, null, "{\"errorCode\":500000}");
    }

    /** Called from any thread, once the change is stored. */
    void sendDesired(String notificationJson, long version) {
        if (filters.contains("$iothub/twin/PATCH/properties/desired/#")) {
            send(HubTopics.desiredUpdate(version), notificationJson);
        }
    }

    /** Called from any thread. */
    void sendMethodRequest(String methodName, String rid, String payloadJson) {
        send(HubTopics.methodRequest(methodName, rid), payloadJson);
    }

    /** At QoS 1, as the device subscribed; called from any thread. */
    void sendCloudToDevice(String topic, byte[] body) {
        connection.publish(topic, body, MqttQoS.AT_LEAST_ONCE);
    }

    /** QoS 0, as Azure sends method requests; the device asks again (twin) or the caller times out (methods). */
    private void send(String topic, String body) {
        connection.publish(topic, body.getBytes(StandardCharsets.UTF_8), MqttQoS.AT_MOST_ONCE);
    }

    private void refuse(String why) {
        LOG.info("Closing the MQTT connection of {} in {}: it {}", deviceId, hub, why);
        connection.close();
    }

    /** Drops the connection, from any thread (a newer connection of the same device replaced it). */
    void close() {
        LOG.info("Closing the MQTT connection of {} in {}: the device connected again", deviceId, hub);
        connection.close();
    }

    @Override
    public void closed() {
        services.sessions().remove(this);
        services.methods().closed(this);
        LOG.debug("Device {} disconnected from {}", deviceId, hub);
    }
}
