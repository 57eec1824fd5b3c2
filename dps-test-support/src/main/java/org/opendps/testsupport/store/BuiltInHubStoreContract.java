package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.testsupport.store.StoreFixtures.builtInHub;
import static org.opendps.testsupport.store.StoreFixtures.hubPolicy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.hub.builtin.BuiltInHubStore;
import org.opendps.hub.builtin.HubPolicy;
import org.opendps.hub.builtin.HubRight;

/**
 * The contract of a {@link BuiltInHubStore}: hubs by case-insensitive host name, each created whole with its
 * policies (in their order) and never replaced: the first writer wins. Each test expects a store without hubs.
 */
public interface BuiltInHubStoreContract {

    /** The store under test, empty at the start of each test. */
    BuiltInHubStore builtInHubStore();

    @Test
    default void list_and_find_are_empty_at_first() {
        assertThat(builtInHubStore().list()).isEmpty();
        assertThat(builtInHubStore().find("hub-1.example.com")).isEmpty();
    }

    @Test
    default void createIfAbsent_stores_the_hub_with_every_policy_key_and_right_in_order_and_returns_it() {
        BuiltInHub hub = builtInHub("hub-1.example.com");
        assertThat(builtInHubStore().createIfAbsent(hub)).isEqualTo(hub);
        assertThat(builtInHubStore().find("hub-1.example.com")).contains(hub);
        assertThat(builtInHubStore().list()).containsExactly(hub);
        assertThat(builtInHubStore().find("hub-1.example.com").orElseThrow().policies())
                .extracting(HubPolicy::keyName)
                .containsExactly("iothubowner", "service", "device", "registryRead", "registryWrite", "nothing");
    }

    @Test
    default void keys_of_each_policy_round_trip_apart() {
        BuiltInHub hub = new BuiltInHub("hub-1.example.com", StoreFixtures.CREATED, List.of(
                new HubPolicy("a", StoreFixtures.PRIMARY_KEY, StoreFixtures.SECONDARY_KEY, HubRight.all()),
                new HubPolicy("b", StoreFixtures.SECONDARY_KEY, StoreFixtures.PRIMARY_KEY, HubRight.all())));
        builtInHubStore().createIfAbsent(hub);
        assertThat(builtInHubStore().find("hub-1.example.com")).contains(hub);
    }

    @Test
    default void a_hub_without_policies_round_trips() {
        BuiltInHub hub = new BuiltInHub("bare.example.com", StoreFixtures.CREATED, List.of());
        assertThat(builtInHubStore().createIfAbsent(hub)).isEqualTo(hub);
        assertThat(builtInHubStore().list()).containsExactly(hub);
    }

    @Test
    default void find_ignores_the_case_of_the_host_name_and_returns_it_as_created() {
        BuiltInHub hub = builtInHub("Hub-1.Example.com");
        builtInHubStore().createIfAbsent(hub);
        assertThat(builtInHubStore().find("hub-1.example.com")).contains(hub);
        assertThat(builtInHubStore().find("HUB-1.EXAMPLE.COM")).contains(hub);
    }

    @Test
    default void createIfAbsent_keeps_the_first_hub_and_its_policies_whatever_the_case_of_the_host_name() {
        BuiltInHub first = builtInHub("hub-1.example.com");
        builtInHubStore().createIfAbsent(first);
        BuiltInHub second = new BuiltInHub("HUB-1.example.com", StoreFixtures.UPDATED,
                List.of(hubPolicy("other", EnumSet.of(HubRight.REGISTRY_READ))));
        assertThat(builtInHubStore().createIfAbsent(second)).isEqualTo(first);
        assertThat(builtInHubStore().list()).containsExactly(first);
    }

    @Test
    default void a_hub_whose_policy_names_clash_is_refused_whole() {
        BuiltInHub clashing = new BuiltInHub("hub-1.example.com", StoreFixtures.CREATED, List.of(
                hubPolicy("service", EnumSet.of(HubRight.SERVICE_CONNECT)),
                hubPolicy("Service", EnumSet.of(HubRight.DEVICE_CONNECT))));
        assertThatThrownBy(() -> builtInHubStore().createIfAbsent(clashing)).isInstanceOf(RuntimeException.class);
        assertThat(builtInHubStore().list()).isEmpty();
        BuiltInHub hub = builtInHub("hub-1.example.com");
        assertThat(builtInHubStore().createIfAbsent(hub)).isEqualTo(hub);
    }

    @Test
    default void list_is_in_host_name_order_whatever_the_case_and_each_hub_has_only_its_own_policies() {
        BuiltInHub b = builtInHub("b-hub.example.com");
        BuiltInHub a = new BuiltInHub("A-hub.example.com", StoreFixtures.UPDATED,
                List.of(hubPolicy("service", EnumSet.of(HubRight.REGISTRY_WRITE))));
        BuiltInHub c = new BuiltInHub("c-hub.example.com", StoreFixtures.CREATED, List.of());
        builtInHubStore().createIfAbsent(b);
        builtInHubStore().createIfAbsent(c);
        builtInHubStore().createIfAbsent(a);
        assertThat(builtInHubStore().list()).containsExactly(a, b, c);
        assertThat(builtInHubStore().find("a-hub.example.com")).contains(a);
    }

    @Test
    default void the_creation_time_round_trips_to_at_least_the_microsecond() {
        Instant created = Instant.parse("2026-01-02T03:04:05.123456789Z");
        builtInHubStore().createIfAbsent(new BuiltInHub("hub-1.example.com", created, List.of()));
        assertThat(builtInHubStore().find("hub-1.example.com").orElseThrow().created())
                .isIn(created, created.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    default void concurrent_createIfAbsent_of_one_host_returns_one_whole_hub_to_every_caller() throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<BuiltInHub> candidates = new CopyOnWriteArrayList<>();
        List<BuiltInHub> results = Concurrently.run(VersionedStoreContract.CONCURRENT_WRITERS, () -> {
            int n = next.incrementAndGet();
            // Policies of their own per writer, so that a hub mixed from two writers would show.
            BuiltInHub candidate = new BuiltInHub("race.example.com", StoreFixtures.CREATED.plusSeconds(n), List.of(
                    hubPolicy(HubPolicy.OWNER + n, HubRight.all()),
                    hubPolicy("device" + n, EnumSet.of(HubRight.DEVICE_CONNECT))));
            candidates.add(candidate);
            return builtInHubStore().createIfAbsent(candidate);
        });
        BuiltInHub stored = builtInHubStore().find("race.example.com").orElseThrow();
        assertThat(results).containsOnly(stored);
        assertThat(candidates).contains(stored);
        assertThat(builtInHubStore().list()).containsExactly(stored);
    }
}
