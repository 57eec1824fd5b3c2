package org.opendps.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one phase of a run measured.
 *
 * @param latencies microseconds from the first request to the final status (polls included), completed attempts only
 * @param cpu this process's CPU time during the phase (the devices' side: TLS, signing, JSON)
 */
record BenchResult(String label, int attempts, long completed, Map<String, Long> failures, int notStarted,
        Duration elapsed, Histogram latencies, Duration cpu) {

    long failed() {
        return failures.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Completed attempts per second of the phase. */
    double perSecond() {
        return elapsed.isZero() ? 0 : completed / (elapsed.toNanos() / 1e9);
    }

    /** Milliseconds at this percentile; 0 when nothing completed. */
    double latencyMillis(double percentile) {
        return completed == 0 ? 0 : latencies.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxLatencyMillis() {
        return completed == 0 ? 0 : latencies.getMaxValue() / 1000.0;
    }

    /**
     * The report's fields, in print order; numbers rounded for people (JSON keeps them numeric).
     *
     * @param attempts what an attempt is, plural: {@code devices} or {@code handshakes}
     * @param rate what the rate counts: {@code registrationsPerSecond} or {@code handshakesPerSecond}
     */
    Map<String, Object> fields(String attempts, String rate) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put(attempts, this.attempts);
        fields.put("completed", completed);
        fields.put("failed", failed());
        fields.put("failures", failures);
        fields.put("notStarted", notStarted);
        fields.put("seconds", round(elapsed.toNanos() / 1e9));
        fields.put(rate, round(perSecond()));
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", round(latencyMillis(50)));
        latency.put("p90", round(latencyMillis(90)));
        latency.put("p99", round(latencyMillis(99)));
        latency.put("max", round(maxLatencyMillis()));
        fields.put("latencyMillis", latency);
        fields.put("cpuSeconds", round(cpu.toNanos() / 1e9));
        return fields;
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
