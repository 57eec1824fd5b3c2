package org.opendps.server.mqtt;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Invokes direct methods on connected devices: sends {@code $iothub/methods/POST/{name}/?$rid=} and completes when
 * the device answers on {@code $iothub/methods/res/{status}/?$rid=}, or when the timeout passes.
 */
public final class DirectMethods {
    private final HubSessions sessions;
    private final AtomicLong nextRid = new AtomicLong(1);
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    public DirectMethods(HubSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** How an invocation ended. {@code status} and {@code payloadJson} are the device's, when it answered. */
    public record Result(Outcome outcome, int status, String payloadJson) {
        static final Result NOT_ONLINE = new Result(Outcome.NOT_ONLINE, 0, null);
        static final Result TIMED_OUT = new Result(Outcome.TIMED_OUT, 0, null);
    }

    public enum Outcome { COMPLETED, NOT_ONLINE, TIMED_OUT }

    /** Never completes exceptionally; a device that is not connected or not subscribed to methods is not online. */
    public CompletableFuture<Result> invoke(String hubHostName, String deviceId, String methodName,
            String payloadJson, Duration timeout) {
        HubMqttSession session = sessions.find(hubHostName, deviceId).filter(HubMqttSession::takesMethods)
                .orElse(null);
        if (session == null) {
            return CompletableFuture.completedFuture(Result.NOT_ONLINE);
        }
        String rid = Long.toHexString(nextRid.getAndIncrement());
        CompletableFuture<Result> result = new CompletableFuture<>();
        pending.put(rid, new Pending(session, result));
        result.completeOnTimeout(Result.TIMED_OUT, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(rid));
        session.sendMethodRequest(methodName, rid, payloadJson == null ? "null" : payloadJson);
        return result;
    }

    /** A device's response; ignored unless that session is the one the request went to. */
    void complete(HubMqttSession from, String rid, int status, String payloadJson) {
        Pending waiting = pending.get(rid);
        if (waiting != null && waiting.session() == from) {
            waiting.result().complete(new Result(Outcome.COMPLETED, status, payloadJson));
        }
    }

    /** The connection is gone: its calls will get no answer, so they end now rather than at their timeout. */
    void closed(HubMqttSession session) {
        pending.values().stream().filter(p -> p.session() == session)
                .forEach(p -> p.result().complete(Result.NOT_ONLINE));
    }

    private record Pending(HubMqttSession session, CompletableFuture<Result> result) {}
}
