package org.opendps.bench;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.HdrHistogram.Recorder;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.deviceclient.RegistrationException;

/**
 * Runs attempts (a device's registration, or a bare handshake and request) and measures them: closed loop (at most {@code concurrency} in flight) or open loop (a new
 * device every {@code 1/rate} seconds whatever is still in flight), never starting one after the time limit.
 */
final class LoadRun<T> {
    /** How devices are started: exactly one of the two is positive. */
    record Pace(int concurrency, double rate) {
        Pace {
            if ((concurrency > 0) == (rate > 0)) {
                throw new IllegalArgumentException("give a concurrency or a rate");
            }
        }
    }

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    /** The longest latency recorded exactly; slower ones are clamped (a registration times out well before). */
    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(10);

    /** Ends with null when the attempt succeeded, else why it did not. */
    private final Function<T, CompletableFuture<String>> attempt;
    private final Pace pace;
    private final PrintWriter progress;

    private final Recorder latencies = new Recorder(MAX_MICROS, 3);
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final LongAdder completed = new LongAdder();
    private final Queue<CompletableFuture<?>> inFlight = new ConcurrentLinkedQueue<>();

    /** One run per instance: the counters are the run's. */
    /**
     * Every simulated device has a JDK {@code HttpClient} of its own, which JDK 17 cannot close: its finished
     * connection stays open until the client is collected or the JDK's keep-alive (20 minutes) ends. A fleet would
     * leave hundreds of idle connections from one address, more than a device does and past the server's
     * {@code --connections-per-address}, which then refuses the next devices. A one-second keep-alive closes a
     * finished device's connection promptly. The JDK reads it once, when its HTTP connection pool is first used, so
     * this runs before any client of the process is made; a value given on the command line wins.
     */
    static void closeIdleConnectionsPromptly() {
        if (System.getProperty("jdk.httpclient.keepalive.timeout") == null) {
            System.setProperty("jdk.httpclient.keepalive.timeout", "1");
        }
    }

    LoadRun(Function<T, CompletableFuture<String>> attempt, Pace pace, PrintWriter progress) {
        this.attempt = attempt;
        this.pace = pace;
        this.progress = progress;
    }

    /**
     * Runs an attempt for each item; returns once every started one ended.
     *
     * @param timeLimit no device starts after this long
     * @param label what the progress line calls this phase
     */
    BenchResult run(List<T> devices, Duration timeLimit, String label) throws InterruptedException {
        AtomicInteger started = new AtomicInteger();
        long cpuBefore = cpuNanos();
        long start = System.nanoTime();
        long stopStarting = start + timeLimit.toNanos();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "opendps-bench-clock");
            thread.setDaemon(true);
            return thread;
        });
        clock.scheduleAtFixedRate(() -> showProgress(label, devices.size(), start), PROGRESS_EVERY.toMillis(),
                PROGRESS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        try {
            if (pace.concurrency() > 0) {
                Semaphore slots = new Semaphore(pace.concurrency());
                while (started.get() < devices.size() && System.nanoTime() < stopStarting) {
                    slots.acquire();
                    start(devices.get(started.getAndIncrement())).whenComplete((ignored, failure) -> slots.release());
                }
            } else {
                long periodNanos = Math.max(1, (long) (1e9 / pace.rate()));
                ScheduledFuture<?> starter = clock.scheduleAtFixedRate(() -> {
                    int index = started.get();
                    if (index < devices.size() && System.nanoTime() < stopStarting) {
                        start(devices.get(index));
                        started.incrementAndGet(); // after start: once all are counted, all are in flight
                    }
                }, 0, periodNanos, TimeUnit.NANOSECONDS);
                while (started.get() < devices.size() && System.nanoTime() < stopStarting) {
                    Thread.sleep(5);
                }
                starter.cancel(false);
                // the clock runs one task at a time: once this one ran, no start is still half done
                clock.submit(() -> { }).get();
            }
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
            long elapsed = System.nanoTime() - start;
            return new BenchResult(label, devices.size(), completed.sum(), failureCounts(),
                    devices.size() - started.get(), Duration.ofNanos(elapsed), latencies.getIntervalHistogram(),
                    Duration.ofNanos(cpuNanos() - cpuBefore));
        } catch (ExecutionException e) {
            throw new IllegalStateException("the bench clock failed", e);
        } finally {
            clock.shutdownNow();
            progress.print("\r" + " ".repeat(79) + "\r");
            progress.flush();
        }
    }

    /** A device's registration as an attempt: it succeeds when the device is assigned. */
    static CompletableFuture<String> assigned(CompletableFuture<RegistrationOperationStatus> registration) {
        return registration.thenApply(status -> status.status() == RegistrationStatus.ASSIGNED ? null
                : "status " + status.status().wireName());
    }

    /** Starts one attempt; the future ends (never exceptionally) when its outcome is counted. */
    private CompletableFuture<Void> start(T device) {
        long begun = System.nanoTime();
        CompletableFuture<String> outcome;
        try {
            outcome = attempt.apply(device);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> counted = outcome.handle((failed, failure) -> {
            String reason = failure != null ? reason(failure) : failed;
            if (reason == null) {
                latencies.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - begun) / 1000));
                completed.increment();
            } else {
                failures.computeIfAbsent(reason, key -> new LongAdder()).increment();
            }
            return null;
        });
        inFlight.add(counted);
        return counted;
    }

    /** What a failure is counted under: the kind, and the HTTP status and error code when the service answered. */
    static String reason(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RegistrationException registration) {
            return registration.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + (registration.httpStatus() == 0 ? "" : " " + registration.httpStatus())
                    + (registration.errorCode() == 0 ? "" : " (errorCode " + registration.errorCode() + ")");
        }
        return cause.getClass().getSimpleName();
    }

    private Map<String, Long> failureCounts() {
        Map<String, Long> counts = new TreeMap<>();
        failures.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    private void showProgress(String label, int total, long start) {
        long failed = failures.values().stream().mapToLong(LongAdder::sum).sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.printf("\r%s: %d/%d completed, %d failed, %.0f/s, %.0f s   ", label, completed.sum(), total,
                failed, completed.sum() / Math.max(seconds, 1e-3), seconds);
        progress.flush();
    }

    /** This process's CPU time, all threads; 0 where the platform does not tell. */
    static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
