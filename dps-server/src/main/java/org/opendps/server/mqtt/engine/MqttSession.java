package org.opendps.server.mqtt.engine;

import io.netty.handler.codec.mqtt.MqttQoS;
import java.util.List;

/**
 * What a connection does once accepted: the application side (hub device, DPS device). The engine calls it on the
 * connection's event loop, one packet at a time, and acknowledges for it (SUBACK, UNSUBACK, PUBACK).
 */
public interface MqttSession {

    /** A requested filter and its QoS. */
    record Subscription(String filter, MqttQoS qos) {}

    /**
     * The QoS granted for each filter, in order (at most QoS 1, or {@link MqttQoS#FAILURE}); null when the session
     * closed the connection instead.
     */
    List<MqttQoS> subscribe(List<Subscription> subscriptions);

    void unsubscribe(List<String> filters);

    /**
     * A PUBLISH at QoS 0 or 1 (QoS 2 closes the connection before it gets here). Answers false when the session
     * closed the connection instead, so that no PUBACK goes out.
     */
    boolean publish(String topic, byte[] payload, MqttQoS qos, boolean retain);

    /** The connection is gone, whoever closed it. */
    void closed();
}
