package org.opendps.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.core.hub.LinkedHub;

/** Probes a real listening port on 127.0.0.1 and counts the connections it makes. */
class ConnectLatencyEstimatorTest {
    private static final LinkedHub HUB = new LinkedHub("127.0.0.1", "iothubowner", "not-used", "", 1, true);

    private final ServerSocket listener = listen();
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor = new Thread(this::acceptAll, "test-acceptor");

    ConnectLatencyEstimatorTest() {
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        listener.close();
    }

    @Test
    void measures_a_listening_port_and_reuses_the_result_within_the_ttl() throws InterruptedException {
        var estimator = new ConnectLatencyEstimator(hub -> listener.getLocalPort(), Duration.ofMinutes(1));

        OptionalLong first = estimator.roundTripMillis(HUB);
        OptionalLong second = estimator.roundTripMillis(HUB);

        assertThat(first).isPresent();
        assertThat(first.getAsLong()).isBetween(0L, 1000L);
        assertThat(second).isEqualTo(first);
        assertThat(acceptedEventually(1)).isEqualTo(1);
    }

    @Test
    void concurrent_callers_share_one_probe() throws Exception {
        var estimator = new ConnectLatencyEstimator(hub -> listener.getLocalPort(), Duration.ofMinutes(1));
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Callable<OptionalLong>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(() -> estimator.roundTripMillis(HUB));
            }
            for (Future<OptionalLong> result : callers.invokeAll(calls)) {
                assertThat(result.get()).isPresent();
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(acceptedEventually(1)).isEqualTo(1);
    }

    @Test
    void measures_again_once_the_ttl_has_passed() throws InterruptedException {
        var estimator = new ConnectLatencyEstimator(hub -> listener.getLocalPort(), Duration.ofMillis(50));

        estimator.roundTripMillis(HUB);
        Thread.sleep(100);
        estimator.roundTripMillis(HUB);

        assertThat(acceptedEventually(2)).isEqualTo(2);
    }

    @Test
    void an_unreachable_hub_has_no_estimate() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var estimator = new ConnectLatencyEstimator(hub -> closedPort, Duration.ofMinutes(1));

        assertThat(estimator.roundTripMillis(HUB)).isEmpty();
    }

    /** The accept count once it reaches {@code expected}, or after a grace period (so that extra accepts show). */
    private int acceptedEventually(int expected) throws InterruptedException {
        for (int i = 0; i < 50 && accepted.get() < expected; i++) {
            Thread.sleep(20);
        }
        Thread.sleep(100);
        return accepted.get();
    }

    private void acceptAll() {
        while (!listener.isClosed()) {
            try (Socket ignored = listener.accept()) {
                accepted.incrementAndGet();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static ServerSocket listen() {
        try {
            return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
