package org.opendps.core.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.opendps.core.allocation.TestHubs.hub;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opendps.core.hub.LinkedHub;

class WeightedHashSelectorTest {
    private static final int DEVICES = 10_000;
    private static final LinkedHub A = hub("hub-a.azure-devices.net", 1);
    private static final LinkedHub B = hub("hub-b.azure-devices.net", 1);
    private static final LinkedHub C = hub("hub-c.azure-devices.net", 2);
    private static final LinkedHub D = hub("hub-d.azure-devices.net", 1);

    private final WeightedHashSelector selector = new WeightedHashSelector();

    @Test
    void devices_spread_by_weight_1_1_2_within_3_points_of_25_25_50_percent() {
        Map<String, Double> shares = shares(List.of(A, B, C));
        assertThat(shares.get(A.hostName())).isCloseTo(0.25, within(0.03));
        assertThat(shares.get(B.hostName())).isCloseTo(0.25, within(0.03));
        assertThat(shares.get(C.hostName())).isCloseTo(0.50, within(0.03));
    }

    @Test
    void equal_weights_spread_evenly_within_3_points_over_three_hubs() {
        LinkedHub c1 = hub("hub-c.azure-devices.net", 1);
        Map<String, Double> shares = shares(List.of(A, B, c1));
        assertThat(shares).hasSize(3);
        assertThat(shares.values()).allSatisfy(share -> assertThat(share).isCloseTo(1.0 / 3, within(0.03)));
    }

    @Test
    void same_id_gets_same_hub_across_calls_and_candidate_orders() {
        List<LinkedHub> hubs = new ArrayList<>(List.of(A, B, C, D));
        Random random = new Random(42); // fixed seed: the orders vary, the test does not
        for (int i = 0; i < 200; i++) {
            String id = "device-" + i;
            LinkedHub first = selector.select(id, hubs).orElseThrow();
            for (int round = 0; round < 5; round++) {
                Collections.shuffle(hubs, random);
                assertThat(selector.select(id, hubs)).contains(first);
            }
        }
    }

    @Test
    void registration_id_and_host_name_case_do_not_matter() {
        List<LinkedHub> upperHosts = List.of(hub("HUB-A.azure-devices.net", 1), hub("Hub-B.Azure-Devices.net", 1),
                hub("hub-C.AZURE-DEVICES.NET", 2));
        for (int i = 0; i < 200; i++) {
            LinkedHub lower = selector.select("device-" + i, List.of(A, B, C)).orElseThrow();
            assertThat(selector.select("DEVICE-" + i, List.of(A, B, C))).contains(lower);
            assertThat(selector.select("Device-" + i, upperHosts).orElseThrow().sameHost(lower.hostName())).isTrue();
        }
    }

    @Test
    void adding_a_hub_moves_only_devices_to_it_and_about_a_fifth_of_them() {
        int moved = 0;
        for (int i = 0; i < DEVICES; i++) {
            String id = "device-" + i;
            LinkedHub before = selector.select(id, List.of(A, B, C)).orElseThrow();
            LinkedHub after = selector.select(id, List.of(A, B, C, D)).orElseThrow();
            if (!after.equals(before)) {
                assertThat(after).as("%s may move only to the new hub", id).isEqualTo(D);
                moved++;
            }
        }
        assertThat(moved / (double) DEVICES).isCloseTo(0.20, within(0.03)); // weight 1 of 5
    }

    @Test
    void removing_a_hub_moves_only_its_devices() {
        for (int i = 0; i < DEVICES; i++) {
            String id = "device-" + i;
            LinkedHub before = selector.select(id, List.of(A, B, C, D)).orElseThrow();
            LinkedHub after = selector.select(id, List.of(A, B, C)).orElseThrow();
            if (!before.equals(D)) {
                assertThat(after).as(id).isEqualTo(before);
            }
        }
    }

    @Test
    void single_candidate_is_always_chosen_and_no_candidate_gives_empty() {
        assertThat(selector.select("device-1", List.of(C))).contains(C);
        assertThat(selector.select("device-1", List.of())).isEmpty();
    }

    private Map<String, Double> shares(List<LinkedHub> hubs) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < DEVICES; i++) {
            counts.merge(selector.select("device-" + i, hubs).orElseThrow().hostName(), 1, Integer::sum);
        }
        Map<String, Double> shares = new HashMap<>();
        counts.forEach((host, count) -> shares.put(host, count / (double) DEVICES));
        return shares;
    }
}
