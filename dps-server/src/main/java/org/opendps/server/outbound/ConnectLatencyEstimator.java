package org.opendps.server.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToIntFunction;
import org.opendps.core.allocation.LatencyEstimator;
import org.opendps.core.hub.LinkedHub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Estimates a hub's round trip by the time a TCP connect to it takes (one SYN/SYN-ACK): no credentials, nothing
 * the hub logs as a failed login. Each result, unreachable included, is kept for a TTL; a hub is probed at most
 * once per TTL however many callers ask, and no caller waits longer than {@link #MAX_WAIT} for a probe.
 */
public final class ConnectLatencyEstimator implements LatencyEstimator {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
    static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(ConnectLatencyEstimator.class);

    private final ToIntFunction<LinkedHub> port;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, CompletableFuture<Sample>> probes = new ConcurrentHashMap<>();
    // Probes run off the caller's thread, so that a slow DNS lookup cannot hold a caller past MAX_WAIT either.
    private final Executor prober = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "hub-latency-probe");
        thread.setDaemon(true);
        return thread;
    });

    /** Probes port 443 (AMQP over WebSockets, HTTPS), which every Azure hub listens on. */
    public ConnectLatencyEstimator() {
        this(hub -> 443, DEFAULT_TTL);
    }

    /** @param port the port to probe on each hub; built-in hubs listen elsewhere than Azure's 443 */
    public ConnectLatencyEstimator(ToIntFunction<LinkedHub> port, Duration ttl) {
        this.port = Objects.requireNonNull(port, "port");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive: " + ttl);
        }
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public OptionalLong roundTripMillis(LinkedHub hub) {
        String host = hub.hostName();
        int hubPort = port.applyAsInt(hub);
        String key = host.toLowerCase(Locale.ROOT) + ":" + hubPort;
        // compute() is atomic per key: of the callers that find no fresh sample, exactly one starts a probe.
        CompletableFuture<Sample> probe = probes.compute(key, (k, current) -> current == null || expired(current)
                ? CompletableFuture.supplyAsync(() -> probe(host, hubPort), prober)
                : current);
        try {
            return probe.get(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS).millis();
        } catch (TimeoutException | ExecutionException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }

    /** A probe still running is not expired: its callers share it. */
    private boolean expired(CompletableFuture<Sample> probe) {
        if (probe.isCompletedExceptionally()) {
            return true;
        }
        Sample sample = probe.getNow(null);
        return sample != null && System.nanoTime() - sample.takenAtNanos() >= ttlNanos;
    }

    private static Sample probe(String host, int port) {
        try {
            InetAddress address = InetAddress.getByName(host); // resolved first, so that DNS time is not counted
            try (Socket socket = new Socket()) {
                long start = System.nanoTime();
                socket.connect(new InetSocketAddress(address, port), (int) MAX_WAIT.toMillis());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                return new Sample(OptionalLong.of(millis), System.nanoTime());
            }
        } catch (IOException | IllegalArgumentException e) { // IAE: a port out of range
            LOG.debug("Hub {}:{} did not accept a connection ({})", host, port, e.getClass().getSimpleName());
            return new Sample(OptionalLong.empty(), System.nanoTime());
        }
    }

    private record Sample(OptionalLong millis, long takenAtNanos) {}
}
