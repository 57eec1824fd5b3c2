package org.opendps.server.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.opendps.core.provisioning.DeviceCredential;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.HttpErrorMapper;
import org.opendps.server.http.device.DeviceApi;
import org.opendps.server.mqtt.engine.MqttConnection;
import org.opendps.server.mqtt.engine.MqttSession;
import org.opendps.wire.mqtt.DpsTopics;
import org.opendps.wire.mqtt.DpsUserName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One DPS device over MQTT (protocol/dps-device.md §5): register and poll requests, answered on
 * {@code $dps/registrations/res/{status}/?$rid=} with the HTTPS API's own statuses and bodies, errors included.
 * Each request runs on the worker pool with the credential of the connection.
 */
final class DpsMqttSession implements MqttSession {
    private static final Logger LOG = LoggerFactory.getLogger(DpsMqttSession.class);
    /**
     * Java's provisioning client 2.1.3 publishes a request and only then starts waiting for the reply; a reply that
     * lands in between is lost and the device stalls for 60 s (protocol/dps-device.md §0.6). A short delay on a
     * timer (never a sleep) closes that window.
     */
    static final long REPLY_DELAY_MILLIS = 10;

    private final MqttConnection connection;
    private final DpsUserName device;
    /** How the device proves itself on every request; a malformed SAS token throws 401002 from it. */
    private final Supplier<DeviceCredential> credential;
    private final DeviceApi api;
    private final HttpErrorMapper errors;
    private final WorkerExecutor worker;
    private final Vertx vertx;
    private volatile MqttQoS replyQos = MqttQoS.AT_MOST_ONCE;

    DpsMqttSession(MqttConnection connection, DpsUserName device, Supplier<DeviceCredential> credential, DeviceApi api,
            HttpErrorMapper errors, WorkerExecutor worker, Vertx vertx) {
        this.connection = connection;
        this.device = device;
        this.credential = credential;
        this.api = api;
        this.errors = errors;
        this.worker = worker;
        this.vertx = vertx;
    }

    /** Only the replies' filter; replies go out at the QoS granted for it. */
    @Override
    public List<MqttQoS> subscribe(List<Subscription> subscriptions) {
        List<MqttQoS> granted = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            if (subscription.filter().equals(DpsTopics.RESPONSE_FILTER)) {
                replyQos = subscription.qos() == MqttQoS.AT_MOST_ONCE ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
                granted.add(replyQos);
            } else {
                granted.add(MqttQoS.FAILURE);
            }
        }
        return granted;
    }

    @Override
    public void unsubscribe(List<String> filters) {
        if (filters.contains(DpsTopics.RESPONSE_FILTER)) {
            replyQos = MqttQoS.AT_MOST_ONCE;
        }
    }

    /** The payload is ignored when polling: Java sends none, Node {@code " "}, C the registration again. */
    @Override
    public boolean publish(String topic, byte[] payload, MqttQoS qos, boolean retain) {
        Optional<DpsTopics.Request> request = DpsTopics.parseRequest(topic);
        if (request.isEmpty()) {
            LOG.info("Closing the DPS MQTT connection of {}: it published to an unsupported topic",
                    device.registrationId());
            connection.close();
            return false;
        }
        String rid = request.get().rid();
        if (request.get().kind() == DpsTopics.Kind.REGISTER) {
            answer(rid, () -> api.register(device.idScope(), device.registrationId(), payload, credential.get(),
                    false));
        } else {
            String operationId = request.get().operationId();
            answer(rid, () -> api.operation(device.idScope(), device.registrationId(), operationId,
                    credential.get()));
        }
        return true;
    }

    private void answer(String rid, Callable<ApiResponse> call) {
        worker.executeBlocking(call, false).onComplete(result -> {
            ApiResponse response = result.succeeded() ? result.result() : errors.map(result.cause());
            String retryAfter = response.headers().get("Retry-After");
            String topic = DpsTopics.response(response.status(), rid,
                    retryAfter == null ? null : Integer.valueOf(retryAfter));
            vertx.setTimer(REPLY_DELAY_MILLIS, id -> connection.publish(topic, response.body(), replyQos));
        });
    }

    @Override
    public void closed() {
        LOG.debug("DPS device {} disconnected", device.registrationId());
    }
}
