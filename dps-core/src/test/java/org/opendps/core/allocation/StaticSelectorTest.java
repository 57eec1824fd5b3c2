package org.opendps.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.core.allocation.TestHubs.hub;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.opendps.core.hub.LinkedHub;

class StaticSelectorTest {
    private static final LinkedHub A = hub("hub-a.azure-devices.net", 1);
    private static final LinkedHub B = hub("hub-b.azure-devices.net", 5);

    @Test
    void static_picks_the_enrollments_hub_whatever_the_registration_id() {
        StaticSelector selector = new StaticSelector();
        for (int i = 0; i < 100; i++) {
            assertThat(selector.select("device-" + i, List.of(A))).contains(A);
        }
    }

    @Test
    void static_takes_the_first_when_given_more_than_one() {
        assertThat(new StaticSelector().select("device-1", List.of(B, A))).contains(B);
    }

    @Test
    void no_candidate_gives_empty_for_every_selector() {
        LatencyEstimator measuresAll = hub -> OptionalLong.of(10);
        List<HubSelector> selectors = List.of(new StaticSelector(), new WeightedHashSelector(),
                new LowestLatencySelector(measuresAll, "westeurope", new WeightedHashSelector()));
        assertThat(selectors).allSatisfy(selector -> assertThat(selector.select("device-1", List.of())).isEmpty());
    }
}
