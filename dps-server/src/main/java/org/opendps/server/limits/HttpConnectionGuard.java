package org.opendps.server.limits;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps HTTPS connections honest about time and number. A connection beyond its address's cap is closed at once.
 * Otherwise a clock runs whenever the server waits for a request: from the handshake, the whole first request must
 * be in within the request timeout (so a client that trickles headers byte by byte is cut off, however steadily
 * it trickles), and after each answer the next one within the idle timeout. The listener's own idle timeout cannot
 * do this: it would also drop MQTT over WebSocket between keep-alives, and trickled bytes keep it from firing.
 * Each connection's events run on its own event loop; the map is shared by all loops of the listener.
 */
public final class HttpConnectionGuard {
    private static final Logger LOG = LoggerFactory.getLogger(HttpConnectionGuard.class);

    private final Vertx vertx;
    private final ConnectionsPerAddress perAddress;
    private final long requestTimeoutMillis;
    private final long idleTimeoutMillis;
    /** The pending clock of each connection waiting for a request, by remote address and port. */
    private final Map<String, Long> clocks = new ConcurrentHashMap<>();

    public HttpConnectionGuard(Vertx vertx, Limits limits) {
        this.vertx = vertx;
        this.perAddress = new ConnectionsPerAddress(limits.connectionsPerAddress());
        this.requestTimeoutMillis = limits.requestTimeout().toMillis();
        this.idleTimeoutMillis = limits.idleTimeout().toMillis();
    }

    /** A new connection, its TLS handshake done: counted, or closed when its address has too many. */
    public void opened(HttpConnection connection) {
        String host = connection.remoteAddress().hostAddress();
        if (!perAddress.tryOpen(host)) {
            LOG.debug("Closing a connection from {}: it has too many open", host);
            connection.close();
            return;
        }
        connection.closeHandler(v -> {
            perAddress.closed(host);
            disarm(connection.remoteAddress());
        });
        arm(connection, requestTimeoutMillis, "its first request");
    }

    /** A whole request arrived (line, headers and body): its handler may take as long as it needs. */
    public void requestArrived(HttpConnection connection) {
        disarm(connection.remoteAddress());
    }

    /** An answer went out: the connection may stay open for another request, for a while. */
    public void answered(HttpConnection connection) {
        arm(connection, idleTimeoutMillis, "another request");
    }

    /** A WebSocket upgrade: the MQTT engine's CONNECT timeout and keep-alive take over. */
    public void upgraded(SocketAddress remote) {
        disarm(remote);
    }

    private void arm(HttpConnection connection, long millis, String awaited) {
        String key = key(connection.remoteAddress());
        long timer = vertx.setTimer(millis, id -> {
            if (clocks.remove(key, id)) {
                LOG.debug("Closing the connection of {}: {} did not arrive within {} ms", key, awaited, millis);
                connection.close();
            }
        });
        Long previous = clocks.put(key, timer);
        if (previous != null) {
            vertx.cancelTimer(previous);
        }
    }

    private void disarm(SocketAddress remote) {
        Long timer = clocks.remove(key(remote));
        if (timer != null) {
            vertx.cancelTimer(timer);
        }
    }

    private static String key(SocketAddress remote) {
        return remote.hostAddress() + ":" + remote.port();
    }
}
