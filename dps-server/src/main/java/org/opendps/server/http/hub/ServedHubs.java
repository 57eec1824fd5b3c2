package org.opendps.server.http.hub;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.security.ServiceAuthenticator;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.BuiltInHubStore;
import org.opendps.hub.builtin.HubPolicy;

/**
 * The built-in hub a request is for, told by its {@code Host} header as Azure tells its hubs apart, with the
 * authenticator of that hub's policies. Hubs found are kept: a built-in hub is never changed or removed once made
 * ({@link BuiltInHubStore} can do neither), so the cache cannot go stale; should hubs become editable, it must be
 * invalidated. Names not found are looked up again each time, so that a hub another node just made is served.
 */
final class ServedHubs {
    /** As the DPS service API allows: clients and this server disagree on the time by a few seconds at most. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    /** Longer than any DNS name; a longer Host is not worth a database query. */
    private static final int MAX_HOST_LENGTH = 255;

    /** A hub and the one authenticator of its tokens. */
    record ServedHub(BuiltInHub hub, ServiceAuthenticator<HubPolicy> authenticator) {
        String hostName() {
            return hub.hostName();
        }
    }

    private final BuiltInHubStore hubs;
    private final Clock clock;
    private final ConcurrentHashMap<String, ServedHub> served = new ConcurrentHashMap<>();

    ServedHubs(BuiltInHubStore hubs, Clock clock) {
        this.hubs = hubs;
        this.clock = clock;
    }

    /** The hub named by the Host header; 404 when it names none of the built-in hubs. */
    ServedHub resolve(String hostHeader) {
        String host = hostName(hostHeader);
        if (host == null) {
            throw new DpsException(DpsError.NOT_FOUND, "The request names no IoT hub (no Host header).");
        }
        ServedHub cached = served.get(host);
        if (cached != null) {
            return cached;
        }
        BuiltInHub hub = hubs.find(host).orElseThrow(() -> new DpsException(DpsError.NOT_FOUND,
                "No built-in IoT hub is named " + quotable(host) + "."));
        return served.computeIfAbsent(host, h -> new ServedHub(hub, new ServiceAuthenticator<>(hub::policy,
                Set.of(hub.hostName()), clock, CLOCK_SKEW)));
    }

    /**
     * The host of a Host header, lower-cased, without the port ({@code localhost:8443}) or an IPv6 literal's
     * brackets; null when there is none.
     */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank() || hostHeader.length() > MAX_HOST_LENGTH) {
            return null;
        }
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 2 ? null : host.substring(1, end);
        }
        int colon = host.indexOf(':');
        host = colon < 0 ? host : host.substring(0, colon);
        if (host.endsWith(".")) { // the fully qualified form of the same name
            host = host.substring(0, host.length() - 1);
        }
        return host.isEmpty() ? null : host;
    }

    /** A host name is quoted back only when it is plainly one; anything else could carry surprises into a log. */
    private static String quotable(String host) {
        return host.matches("[a-z0-9.\\-]{1,253}") ? "'" + host + "'" : "that";
    }
}
