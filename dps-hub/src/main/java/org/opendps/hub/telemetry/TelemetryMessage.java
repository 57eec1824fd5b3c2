package org.opendps.hub.telemetry;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One device-to-cloud message as the hub received it.
 *
 * @param sequenceNumber per hub, from 1, in the order the hub enqueued messages
 * @param properties the topic's property bag, system ({@code $.mid}, ...) and application properties alike; values
 *     may be null ({@code key} without {@code =})
 */
public record TelemetryMessage(String hubHostName, String deviceId, long sequenceNumber, Instant enqueuedTime,
        Map<String, String> properties, byte[] body) {

    public TelemetryMessage {
        Objects.requireNonNull(hubHostName, "hubHostName");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(enqueuedTime, "enqueuedTime");
        properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
