package org.opendps.server.http.hub;

import static org.opendps.hub.builtin.HubRight.SERVICE_CONNECT;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.hub.telemetry.TelemetryLog;
import org.opendps.hub.telemetry.TelemetryMessage;
import org.opendps.server.http.ApiRequest;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.RouteTable;

/**
 * {@code GET /messages/events?since=N&max=N&wait=S}: the device-to-cloud messages this node's built-in hub kept,
 * under ServiceConnect. An OpenDPS extension: Azure's hubs offer an Event Hubs-compatible endpoint instead. The
 * messages from sequence number {@code since} on (all retained ones by default) are answered oldest first with
 * {@code nextSequenceNumber}, the {@code since} of the next call; when the first one is above {@code since}, the
 * reader fell behind the log's bound and the ones in between are gone.
 */
final class TelemetryRoutes {
    static final int DEFAULT_MAX = 100;
    static final int MAX_MAX = 1000;
    /** What a caller may ask for, as Event Hubs clients commonly wait. */
    static final int MAX_WAIT_SECONDS = 30;
    /** What the server grants: a long poll holds a worker thread, and those serve every request. */
    static final Duration WAIT_CAP = Duration.ofSeconds(10);
    /** Long polls beyond this many at once answer at once, so that they can never take every worker. */
    static final int MAX_CONCURRENT_WAITS = 4;

    private final TelemetryLog telemetry;
    private final Semaphore waiters = new Semaphore(MAX_CONCURRENT_WAITS);

    private TelemetryRoutes(TelemetryLog telemetry) {
        this.telemetry = telemetry;
    }

    static void register(RouteTable routes, HubGuard guard, TelemetryLog telemetry) {
        TelemetryRoutes r = new TelemetryRoutes(telemetry);
        routes.add("GET", "/messages/events", guard.requiring(SERVICE_CONNECT, r::read));
    }

    private ApiResponse read(ApiRequest request, String hub) {
        long since = number(request.queryParam("since"), "since", 0, Long.MAX_VALUE, 0);
        int max = (int) number(request.queryParam("max"), "max", 1, MAX_MAX, DEFAULT_MAX);
        long waitSeconds = number(request.queryParam("wait"), "wait", 0, MAX_WAIT_SECONDS, 0);
        long after = Math.max(0, since - 1);
        List<TelemetryMessage> messages = telemetry.readAfter(hub, after, max);
        if (messages.isEmpty() && waitSeconds > 0 && waiters.tryAcquire()) {
            try {
                Duration wait = Duration.ofSeconds(waitSeconds);
                messages = telemetry.awaitAfter(hub, after, max, wait.compareTo(WAIT_CAP) > 0 ? WAIT_CAP : wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // shutting down: answer what there is, nothing
            } finally {
                waiters.release();
            }
        }
        long next = messages.isEmpty() ? since : messages.get(messages.size() - 1).sequenceNumber() + 1;
        return ApiResponse.ok(write(messages, next).getBytes(StandardCharsets.UTF_8));
    }

    static String write(List<TelemetryMessage> messages, long nextSequenceNumber) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ArrayNode array = json.arrayNode();
        for (TelemetryMessage message : messages) {
            ObjectNode item = array.addObject();
            item.put("sequenceNumber", message.sequenceNumber());
            item.put("deviceId", message.deviceId());
            item.put("enqueuedTimeUtc", message.enqueuedTime().toString());
            ObjectNode properties = item.putObject("properties");
            message.properties().forEach(properties::put);
            byte[] body = message.body();
            item.put("body", text(body));
            item.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        }
        ObjectNode answer = json.objectNode();
        answer.set("messages", array);
        answer.put("nextSequenceNumber", nextSequenceNumber);
        return answer.toString();
    }

    /** The body as text when it is valid UTF-8; null otherwise (bodyBase64 always carries it). */
    private static String text(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static long number(String value, String name, long min, long max, long absent) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new DpsException(DpsError.INVALID_FIELD, "Invalid query parameter '" + name
                + "': must be a whole number from " + min + (max == Long.MAX_VALUE ? " on" : " to " + max) + ".");
    }
}
