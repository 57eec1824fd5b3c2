package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.testsupport.store.StoreFixtures.linkedHub;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.hub.LinkedHubStore;

/**
 * The contract of a {@link LinkedHubStore}: hubs by case-insensitive host name, listed in host name order. Each
 * test expects a store without hubs.
 */
public interface LinkedHubStoreContract {

    /** The store under test, empty at the start of each test. */
    LinkedHubStore linkedHubStore();

    @Test
    default void list_and_find_are_empty_at_first() {
        assertThat(linkedHubStore().list()).isEmpty();
        assertThat(linkedHubStore().find("hub-1.example.com")).isEmpty();
    }

    @Test
    default void put_stores_every_field() {
        LinkedHub hub = linkedHub("hub-1.example.com");
        linkedHubStore().put(hub);
        assertThat(linkedHubStore().find("hub-1.example.com")).contains(hub);
        assertThat(linkedHubStore().list()).containsExactly(hub);
    }

    @Test
    default void defaults_and_an_empty_location_round_trip() {
        LinkedHub hub = new LinkedHub("hub-2.example.com", "owner", StoreFixtures.SECONDARY_KEY, "",
                LinkedHub.DEFAULT_WEIGHT, true);
        linkedHubStore().put(hub);
        assertThat(linkedHubStore().find("hub-2.example.com")).contains(hub);
    }

    @Test
    default void find_ignores_the_case_of_the_host_name() {
        LinkedHub hub = linkedHub("Hub-1.Example.com");
        linkedHubStore().put(hub);
        assertThat(linkedHubStore().find("hub-1.example.com")).contains(hub);
        assertThat(linkedHubStore().find("HUB-1.EXAMPLE.COM")).contains(hub);
    }

    @Test
    default void put_replaces_the_hub_of_that_host_name_in_any_case() {
        linkedHubStore().put(linkedHub("hub-1.example.com"));
        LinkedHub replacement = new LinkedHub("HUB-1.example.com", "registryReadWrite", StoreFixtures.SECONDARY_KEY,
                "northeurope", LinkedHub.MAX_WEIGHT, true);
        linkedHubStore().put(replacement);
        assertThat(linkedHubStore().list()).containsExactly(replacement);
        assertThat(linkedHubStore().find("hub-1.example.com")).contains(replacement);
    }

    @Test
    default void list_is_in_host_name_order_whatever_the_case() {
        LinkedHub b = linkedHub("b-hub.example.com");
        LinkedHub a = linkedHub("A-hub.example.com");
        LinkedHub c = linkedHub("c-hub.example.com");
        linkedHubStore().put(b);
        linkedHubStore().put(c);
        linkedHubStore().put(a);
        assertThat(linkedHubStore().list()).containsExactly(a, b, c);
    }

    @Test
    default void delete_ignores_case_and_returns_false_when_nothing_was_deleted() {
        linkedHubStore().put(linkedHub("hub-1.example.com"));
        linkedHubStore().put(linkedHub("hub-2.example.com"));
        assertThat(linkedHubStore().delete("HUB-1.example.com")).isTrue();
        assertThat(linkedHubStore().delete("hub-1.example.com")).isFalse();
        assertThat(linkedHubStore().list()).extracting(LinkedHub::hostName).containsExactly("hub-2.example.com");
    }

    @Test
    default void concurrent_puts_of_one_host_leave_exactly_one_of_them() throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<LinkedHub> written = Concurrently.run(VersionedStoreContract.CONCURRENT_WRITERS, () -> {
            LinkedHub hub = new LinkedHub("race.example.com", "owner", StoreFixtures.PRIMARY_KEY, "",
                    next.incrementAndGet(), true);
            linkedHubStore().put(hub);
            return hub;
        });
        assertThat(linkedHubStore().list()).hasSize(1).first().isIn(written);
    }
}
