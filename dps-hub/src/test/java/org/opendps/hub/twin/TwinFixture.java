package org.opendps.hub.twin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opendps.hub.InMemoryHubDeviceStore;
import org.opendps.hub.InMemoryTwinStore;
import org.opendps.hub.MutableClock;
import org.opendps.hub.registry.DeviceDraft;
import org.opendps.hub.registry.HubRegistry;

/** A hub with one device, its registry and twin service, and a listener that records notifications. */
final class TwinFixture {
    static final String HUB = "hub.example";
    static final String DEVICE = "dev1";
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    record Notification(String hub, String deviceId, String json, long version) {}

    final MutableClock clock = new MutableClock(START);
    final InMemoryHubDeviceStore devices = new InMemoryHubDeviceStore();
    final InMemoryTwinStore twins = new InMemoryTwinStore();
    final HubRegistry registry = new HubRegistry(devices, twins, clock);
    final TwinService service = new TwinService(devices, twins, clock);
    final List<Notification> notifications = new ArrayList<>();

    TwinFixture() {
        registry.put(HUB, DeviceDraft.withGeneratedKeys(DEVICE), null);
        service.addListener((hub, deviceId, json, version) ->
                notifications.add(new Notification(hub, deviceId, json, version)));
    }

    /** Moves the clock on, so that the next write's stamps differ from the last one's. */
    Instant tick() {
        clock.advance(Duration.ofSeconds(1));
        return clock.instant();
    }

    JsonNode twin() {
        return parse(service.get(HUB, DEVICE));
    }

    StoredTwin stored() {
        return twins.find(HUB, DEVICE).orElseThrow();
    }

    /** JSON with single quotes, for readable tests. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Azure's stamp form for an instant. */
    static String stamp(Instant instant) {
        return TwinJson.timestamp(instant);
    }
}
