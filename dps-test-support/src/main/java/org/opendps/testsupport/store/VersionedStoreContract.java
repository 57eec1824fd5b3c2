package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.enrollment.Versioned;
import org.opendps.core.query.Filter;
import org.opendps.core.store.VersionedStore;

/**
 * The behaviour every {@link VersionedStore} shares, whatever it stores: case-insensitive ids, optimistic
 * concurrency, paging. Each test expects an empty store; an implementation provides a fresh or emptied one
 * before each test. Stores keep instants to at least the microsecond: fixtures use microsecond precision.
 */
public interface VersionedStoreContract<T extends Versioned<T>> {
    int CONCURRENT_WRITERS = 20;

    /** The store under test. */
    VersionedStore<T> versionedStore();

    /** An item with this id and revision {@link StoreFixtures#FIRST}, with as many fields set as possible. */
    T sample(String id);

    /** An item with this id that differs from {@link #sample} in every field that may differ, many of them null. */
    T other(String id);

    @Test
    default void find_returns_empty_when_id_is_unknown() {
        assertThat(versionedStore().find("nobody")).isEmpty();
    }

    @Test
    default void insert_returns_true_and_find_returns_the_item() {
        T item = sample("item-1");
        assertThat(versionedStore().insert(item)).isTrue();
        assertThat(versionedStore().find("item-1")).contains(item);
    }

    @Test
    default void find_ignores_case_and_returns_the_id_as_created() {
        T item = sample("Item-MiXeD");
        versionedStore().insert(item);
        assertThat(versionedStore().find("item-mixed")).contains(item);
        assertThat(versionedStore().find("ITEM-MIXED")).contains(item);
    }

    @Test
    default void insert_returns_false_when_id_exists_and_keeps_the_stored_item() {
        T item = sample("item-1");
        versionedStore().insert(item);
        assertThat(versionedStore().insert(other("item-1"))).isFalse();
        assertThat(versionedStore().insert(other("ITEM-1"))).isFalse();
        assertThat(versionedStore().find("item-1")).contains(item);
        assertThat(versionedStore().count()).isEqualTo(1);
    }

    @Test
    default void replace_returns_true_and_stores_every_field_when_version_matches() {
        versionedStore().insert(sample("item-1"));
        T second = other("item-1").withRevision(StoreFixtures.FIRST.next(StoreFixtures.UPDATED));
        assertThat(versionedStore().replace(second, 1)).isTrue();
        assertThat(versionedStore().find("item-1")).contains(second);
        T third = sample("item-1").withRevision(second.revision().next(StoreFixtures.UPDATED.plusSeconds(1)));
        assertThat(versionedStore().replace(third, 2)).isTrue();
        assertThat(versionedStore().find("item-1")).contains(third);
    }

    @Test
    default void replace_returns_false_when_version_is_stale() {
        T item = sample("item-1");
        versionedStore().insert(item);
        T stale = other("item-1").withRevision(new Revision(3, StoreFixtures.CREATED, StoreFixtures.UPDATED));
        assertThat(versionedStore().replace(stale, 2)).isFalse();
        assertThat(versionedStore().find("item-1")).contains(item);
    }

    @Test
    default void replace_returns_false_when_id_is_unknown() {
        T item = sample("item-1").withRevision(StoreFixtures.FIRST.next(StoreFixtures.UPDATED));
        assertThat(versionedStore().replace(item, 1)).isFalse();
        assertThat(versionedStore().count()).isZero();
    }

    @Test
    default void replace_matches_the_id_in_any_case_and_keeps_the_id_as_created() {
        versionedStore().insert(sample("Item-One"));
        T replacement = other("ITEM-ONE").withRevision(StoreFixtures.FIRST.next(StoreFixtures.UPDATED));
        assertThat(versionedStore().replace(replacement, 1)).isTrue();
        T found = versionedStore().find("item-one").orElseThrow();
        assertThat(found.id()).isEqualTo("Item-One");
        assertThat(found.revision()).isEqualTo(replacement.revision());
    }

    @Test
    default void delete_returns_true_when_version_matches() {
        versionedStore().insert(sample("item-1"));
        assertThat(versionedStore().delete("item-1", 1)).isTrue();
        assertThat(versionedStore().find("item-1")).isEmpty();
    }

    @Test
    default void delete_returns_false_when_version_is_stale_and_keeps_the_item() {
        T item = sample("item-1");
        versionedStore().insert(item);
        assertThat(versionedStore().delete("item-1", 2)).isFalse();
        assertThat(versionedStore().find("item-1")).contains(item);
    }

    @Test
    default void delete_with_negative_version_deletes_whatever_the_version() {
        versionedStore().insert(sample("item-1").withRevision(new Revision(7, StoreFixtures.CREATED,
                StoreFixtures.UPDATED)));
        assertThat(versionedStore().delete("item-1", -1)).isTrue();
        assertThat(versionedStore().find("item-1")).isEmpty();
    }

    @Test
    default void delete_returns_false_when_id_is_unknown() {
        assertThat(versionedStore().delete("nobody", 1)).isFalse();
        assertThat(versionedStore().delete("nobody", -1)).isFalse();
    }

    @Test
    default void delete_ignores_the_case_of_the_id() {
        versionedStore().insert(sample("Item-One"));
        assertThat(versionedStore().delete("ITEM-ONE", 1)).isTrue();
        assertThat(versionedStore().count()).isZero();
    }

    @Test
    default void query_pages_through_25_items_in_order_of_lower_cased_id() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add(String.format(Locale.ROOT, i % 3 == 0 ? "Item-%02d" : "item-%02d", i));
        }
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(7));
        shuffled.forEach(id -> versionedStore().insert(sample(id)));

        List<String> seen = new ArrayList<>();
        String after = null;
        List<Integer> pageSizes = new ArrayList<>();
        while (true) {
            List<T> page = versionedStore().query(Filter.ALL, after, 10);
            pageSizes.add(page.size());
            if (page.isEmpty()) {
                break;
            }
            page.forEach(item -> seen.add(item.id()));
            after = page.get(page.size() - 1).id().toLowerCase(Locale.ROOT);
        }
        assertThat(pageSizes).containsExactly(10, 10, 5, 0);
        assertThat(seen).containsExactlyElementsOf(ids);
    }

    /**
     * Pages continue after the last id seen (keyset paging), not at a row count: writes between pages neither
     * repeat nor skip an item that stayed, even when the item the page ended on is gone.
     */
    @Test
    default void query_continues_after_the_last_id_seen_when_items_change_between_pages() {
        for (int i = 0; i < 20; i += 2) {
            versionedStore().insert(sample(String.format(Locale.ROOT, "item-%02d", i)));
        }
        List<T> first = versionedStore().query(Filter.ALL, null, 4);
        assertThat(first).extracting(Versioned::id).containsExactly("item-00", "item-02", "item-04", "item-06");

        String after = "item-06";
        versionedStore().delete("item-06", -1); // the item the page ended on
        versionedStore().delete("item-00", -1); // one already seen
        versionedStore().delete("item-10", -1); // one not seen yet
        versionedStore().insert(sample("item-01")); // behind the page: not seen, as in a later snapshot
        versionedStore().insert(sample("ITEM-07")); // ahead of it: seen

        assertThat(idsAfter(Filter.ALL, after, 4)).containsExactly("ITEM-07", "item-08", "item-12", "item-14",
                "item-16", "item-18");
    }

    /** Every id after {@code afterId}, read {@code pageSize} at a time as a client pages through them. */
    default List<String> idsAfter(Filter filter, String afterId, int pageSize) {
        List<String> ids = new ArrayList<>();
        String after = afterId;
        List<T> page;
        do {
            page = versionedStore().query(filter, after, pageSize);
            page.forEach(item -> ids.add(item.id()));
            after = page.isEmpty() ? after : page.get(page.size() - 1).id().toLowerCase(Locale.ROOT);
        } while (page.size() == pageSize);
        return ids;
    }

    @Test
    default void query_returns_full_items() {
        T item = sample("item-1");
        versionedStore().insert(item);
        assertThat(versionedStore().query(Filter.ALL, null, 10)).containsExactly(item);
    }

    @Test
    default void query_honours_a_limit_of_zero() {
        versionedStore().insert(sample("item-1"));
        assertThat(versionedStore().query(Filter.ALL, null, 0)).isEmpty();
    }

    @Test
    default void count_counts_every_item() {
        assertThat(versionedStore().count()).isZero();
        versionedStore().insert(sample("item-1"));
        versionedStore().insert(sample("item-2"));
        assertThat(versionedStore().count()).isEqualTo(2);
    }

    @Test
    default void concurrent_inserts_of_one_id_let_exactly_one_win() throws Exception {
        List<Boolean> results = Concurrently.run(CONCURRENT_WRITERS, () -> versionedStore().insert(sample("race")));
        assertThat(results).containsOnlyOnce(true);
        assertThat(versionedStore().count()).isEqualTo(1);
    }

    @Test
    default void concurrent_replaces_of_one_version_let_exactly_one_win() throws Exception {
        versionedStore().insert(sample("race"));
        T next = other("race").withRevision(StoreFixtures.FIRST.next(StoreFixtures.UPDATED));
        List<Boolean> results = Concurrently.run(CONCURRENT_WRITERS, () -> versionedStore().replace(next, 1));
        assertThat(results).containsOnlyOnce(true);
        assertThat(versionedStore().find("race")).contains(next);
    }

    @Test
    default void timestamps_round_trip_to_at_least_the_microsecond() {
        Instant created = Instant.parse("2026-01-02T03:04:05.123456789Z");
        Instant updated = Instant.parse("2026-01-02T03:04:06.000000001Z");
        versionedStore().insert(sample("item-1").withRevision(new Revision(1, created, updated)));
        Revision found = versionedStore().find("item-1").orElseThrow().revision();
        assertThat(found.created()).isIn(created, created.truncatedTo(ChronoUnit.MICROS));
        assertThat(found.updated()).isIn(updated, updated.truncatedTo(ChronoUnit.MICROS));
    }

    /** Asserts that a query with this filter finds exactly these ids, in this order. */
    default void assertQueryFinds(Filter filter, String... ids) {
        assertThat(versionedStore().query(filter, null, 100)).extracting(Versioned::id).containsExactly(ids);
    }
}
