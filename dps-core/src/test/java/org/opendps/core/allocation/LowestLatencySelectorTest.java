package org.opendps.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.opendps.core.allocation.TestHubs.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.opendps.core.hub.LinkedHub;

class LowestLatencySelectorTest {
    private static final LinkedHub WEST = hub("hub-west.azure-devices.net", "westeurope");
    private static final LinkedHub NORTH = hub("hub-north.azure-devices.net", "northeurope");
    private static final LinkedHub EAST = hub("hub-east.azure-devices.net", "eastus");

    private final Map<String, Long> rtts = new HashMap<>();
    private final List<String> estimatorCalls = new ArrayList<>();
    /** A fake of the server's measuring estimator: the round trips the test sets, by host. */
    private final LatencyEstimator estimator = hub -> {
        estimatorCalls.add(hub.hostName());
        Long rtt = rtts.get(hub.hostName());
        return rtt == null ? OptionalLong.empty() : OptionalLong.of(rtt);
    };
    private final RecordingSelector tieBreaker = new RecordingSelector();

    @Test
    void picks_the_hub_with_the_lowest_measured_round_trip() {
        rtts.putAll(Map.of(WEST.hostName(), 80L, NORTH.hostName(), 20L, EAST.hostName(), 50L));
        assertThat(selector("").select("device-1", List.of(WEST, NORTH, EAST))).contains(NORTH);
        assertThat(tieBreaker.lastCandidates).containsExactly(NORTH);
    }

    @Test
    void hub_in_the_nodes_location_counts_as_nearest_whatever_its_measurement() {
        rtts.putAll(Map.of(WEST.hostName(), 40L, NORTH.hostName(), 10L));
        assertThat(selector("WestEurope").select("device-1", List.of(NORTH, WEST, EAST))).contains(WEST);
        assertThat(tieBreaker.lastCandidates).containsExactly(WEST);
    }

    @Test
    void empty_locations_never_match_each_other() {
        LinkedHub noWhere = hub("hub-x.azure-devices.net", "");
        rtts.putAll(Map.of(noWhere.hostName(), 90L, NORTH.hostName(), 10L));
        assertThat(selector("").select("device-1", List.of(noWhere, NORTH))).contains(NORTH);
    }

    @Test
    void hubs_within_ten_percent_of_the_best_go_to_the_tie_breaker() {
        rtts.putAll(Map.of(WEST.hostName(), 100L, NORTH.hostName(), 110L, EAST.hostName(), 111L));
        selector("").select("device-1", List.of(WEST, NORTH, EAST));
        assertThat(tieBreaker.lastCandidates).containsExactly(WEST, NORTH);
    }

    @Test
    void hubs_within_five_ms_of_a_fast_best_go_to_the_tie_breaker() {
        rtts.putAll(Map.of(WEST.hostName(), 10L, NORTH.hostName(), 15L, EAST.hostName(), 16L));
        selector("").select("device-1", List.of(WEST, NORTH, EAST));
        assertThat(tieBreaker.lastCandidates).containsExactly(WEST, NORTH);
    }

    @Test
    void tied_hubs_share_devices_through_the_weighted_hash() {
        rtts.putAll(Map.of(WEST.hostName(), 30L, NORTH.hostName(), 32L, EAST.hostName(), 90L));
        HubSelector selector = new LowestLatencySelector(estimator, "", new WeightedHashSelector());
        Map<LinkedHub, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            counts.merge(selector.select("device-" + i, List.of(WEST, NORTH, EAST)).orElseThrow(), 1, Integer::sum);
        }
        assertThat(counts).doesNotContainKey(EAST);
        assertThat(counts.get(WEST) / 10_000.0).isCloseTo(0.5, within(0.03));
    }

    @Test
    void unmeasured_hubs_rank_after_any_measured_hub() {
        rtts.put(EAST.hostName(), 500L);
        assertThat(selector("").select("device-1", List.of(WEST, NORTH, EAST))).contains(EAST);
    }

    @Test
    void when_nothing_is_measured_all_hubs_go_to_the_tie_breaker() {
        selector("").select("device-1", List.of(WEST, NORTH, EAST));
        assertThat(tieBreaker.lastCandidates).containsExactly(WEST, NORTH, EAST);
    }

    @Test
    void no_candidate_gives_empty_without_asking_the_estimator() {
        assertThat(selector("westeurope").select("device-1", List.of())).isEmpty();
        assertThat(estimatorCalls).isEmpty();
    }

    private LowestLatencySelector selector(String nodeLocation) {
        return new LowestLatencySelector(estimator, nodeLocation, tieBreaker);
    }

    /** Returns the first candidate and remembers what it was offered. */
    private static final class RecordingSelector implements HubSelector {
        List<LinkedHub> lastCandidates = List.of();

        @Override
        public Optional<LinkedHub> select(String registrationId, List<LinkedHub> candidates) {
            lastCandidates = List.copyOf(candidates);
            return candidates.stream().findFirst();
        }
    }
}
