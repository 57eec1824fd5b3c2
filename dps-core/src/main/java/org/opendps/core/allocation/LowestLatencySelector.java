package org.opendps.core.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.opendps.core.hub.LinkedHub;

/**
 * Azure's "lowest latency" ({@code geoLatency}) policy, and how OpenDPS learns latency.
 *
 * <p>OpenDPS cannot measure the device-to-hub path, so it uses this node's distance to each hub as the stand-in:
 * a device that reached this node (through geo-DNS or a regional deployment) is taken to be near it. A hub's latency
 * is, in order of preference:
 * <ol>
 *   <li>0 ms when its {@link LinkedHub#location() location} equals this node's location (case-insensitive, both
 *       non-empty): an operator who says "same region" knows better than any probe, and this works before the
 *       first measurement exists;</li>
 *   <li>otherwise the round trip the {@link LatencyEstimator} has measured from this node (in dps-server,
 *       {@code ConnectLatencyEstimator} times connections to the hubs); this selector never measures, so a
 *       registration costs no network I/O here;</li>
 *   <li>a hub without a measurement ranks after every measured hub, so it is chosen only when nothing is
 *       measured, rather than being guessed as near or far.</li>
 * </ol>
 * Hubs within 10% of the best latency, or 5 ms when that is larger, count as equally near, as Azure does when
 * hubs "provide the same lowest latency": measurements jitter, and picking the single fastest hub would pile every
 * device onto it. Those hubs go to the tie breaker (normally {@link WeightedHashSelector}) so the load still
 * spreads by weight and a device keeps its hub while the measurements stay in the band. Thread-safe when the
 * estimator and tie breaker are.
 */
public final class LowestLatencySelector implements HubSelector {

    /** Latencies within this share above the best count as a tie. */
    private static final double TIE_FRACTION = 0.10;
    /** The smallest tie band, so a few milliseconds of jitter between nearby hubs does not decide. */
    private static final long MIN_TIE_MILLIS = 5;
    /** Stands for "no measurement": larger than any measured latency, so such hubs rank last. */
    private static final long UNMEASURED = Long.MAX_VALUE;

    private final LatencyEstimator estimator;
    private final String nodeLocation;
    private final HubSelector tieBreaker;

    /**
     * @param nodeLocation where this node runs, in the same terms as {@link LinkedHub#location()}; null or empty
     *     when unknown, and then no hub counts as same-location
     */
    public LowestLatencySelector(LatencyEstimator estimator, String nodeLocation, HubSelector tieBreaker) {
        this.estimator = Objects.requireNonNull(estimator, "estimator");
        this.nodeLocation = nodeLocation == null ? "" : nodeLocation.strip();
        this.tieBreaker = Objects.requireNonNull(tieBreaker, "tieBreaker");
    }

    @Override
    public Optional<LinkedHub> select(String registrationId, List<LinkedHub> candidates) {
        Objects.requireNonNull(registrationId, "registrationId");
        Objects.requireNonNull(candidates, "candidates");
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        return tieBreaker.select(registrationId, nearest(candidates));
    }

    /** The hubs in the tie band of the best measured latency; all candidates when none is measured. */
    private List<LinkedHub> nearest(List<LinkedHub> candidates) {
        long[] latencies = new long[candidates.size()];
        long best = UNMEASURED;
        for (int i = 0; i < latencies.length; i++) {
            latencies[i] = latencyOf(candidates.get(i));
            best = Math.min(best, latencies[i]);
        }
        if (best == UNMEASURED) {
            return candidates; // nothing measured: every hub is equally unknown
        }
        double limit = best + Math.max(best * TIE_FRACTION, MIN_TIE_MILLIS);
        List<LinkedHub> nearest = new ArrayList<>();
        for (int i = 0; i < latencies.length; i++) {
            if (latencies[i] != UNMEASURED && latencies[i] <= limit) { // the double limit may pass MAX_VALUE
                nearest.add(candidates.get(i));
            }
        }
        return nearest;
    }

    /** Milliseconds, or {@link #UNMEASURED}. */
    private long latencyOf(LinkedHub hub) {
        if (!nodeLocation.isEmpty() && nodeLocation.equalsIgnoreCase(hub.location().strip())) {
            return 0;
        }
        OptionalLong measured = estimator.roundTripMillis(hub);
        if (measured.isEmpty()) {
            return UNMEASURED;
        }
        // Clamp: a negative round trip is an estimator bug (taken as very near rather than failing the
        // registration), and an absurdly large one must still rank as measured.
        return Math.max(0, Math.min(measured.getAsLong(), UNMEASURED - 1));
    }
}
