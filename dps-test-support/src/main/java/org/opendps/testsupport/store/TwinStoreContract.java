package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.testsupport.store.StoreFixtures.twin;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.Revision;
import org.opendps.hub.twin.StoredTwin;
import org.opendps.hub.twin.TwinStore;

/**
 * The contract of a {@link TwinStore}: twins by (case-insensitive hub host name, case-sensitive device ID), JSON
 * kept as the exact text given, optimistic concurrency by version. Each test expects a store without twins.
 */
public interface TwinStoreContract {
    String HUB = "hub-1.example.com";
    String OTHER_HUB = "hub-2.example.com";
    /** About what a twin with metadata may reach, and more than a VARCHAR of common sizes holds. */
    int LARGE_TWIN_CHARS = 100 * 1024;

    /** The store under test, empty at the start of each test. */
    TwinStore twinStore();

    @Test
    default void find_returns_empty_for_an_unknown_twin() {
        assertThat(twinStore().find(HUB, "nobody")).isEmpty();
    }

    @Test
    default void insert_stores_every_field() {
        StoredTwin stored = twin("dev-1");
        assertThat(twinStore().insert(HUB, stored)).isTrue();
        assertThat(twinStore().find(HUB, "dev-1")).contains(stored);
    }

    @Test
    default void json_text_is_stored_exactly_as_given() {
        // Whitespace, key order, number forms, escapes and characters beyond the BMP: nothing is normalized.
        String tags = "{ \"b\" : 1.0,\n\t\"a\" : [ 1e3, -0, 0.10 ],\r\n  \"z\" : \"line\\nbreak \\u0000 \\\"q\\\"\" }";
        String desired = "{\"name\":\"Zürich 東京 😀 e\u0301\",\"$metadata\":{}}";
        StoredTwin stored = new StoredTwin("dev-1", 1, tags, desired, 0, "{}", 1, StoreFixtures.FIRST);
        twinStore().insert(HUB, stored);
        StoredTwin found = twinStore().find(HUB, "dev-1").orElseThrow();
        assertThat(found.tagsJson()).isEqualTo(tags);
        assertThat(found.desiredJson()).isEqualTo(desired);
        assertThat(found).isEqualTo(stored);
    }

    @Test
    default void a_twin_of_100_kb_round_trips_exactly() {
        StringBuilder reported = new StringBuilder("{\"$metadata\":{},\"readings\":{");
        for (int i = 0; reported.length() < LARGE_TWIN_CHARS; i++) {
            reported.append(i == 0 ? "" : ",").append("\"sensor-").append(i).append("\":{\"value\":").append(i)
                    .append(".5,\"unit\":\"°C\",\"$lastUpdated\":\"2026-01-02T03:04:05.1234567Z\"}");
        }
        reported.append("}}");
        StoredTwin large = new StoredTwin("dev-1", 1, "{}", reported.toString(), 3, reported.toString(), 9,
                StoreFixtures.FIRST);
        twinStore().insert(HUB, large);
        assertThat(twinStore().find(HUB, "dev-1")).contains(large);
        StoredTwin larger = new StoredTwin("dev-1", 2, reported.toString(), "{}", 4, reported + " ", 10,
                StoreFixtures.FIRST.next(StoreFixtures.UPDATED));
        assertThat(twinStore().replace(HUB, larger, 1)).isTrue();
        assertThat(twinStore().find(HUB, "dev-1")).contains(larger);
    }

    @Test
    default void device_ids_are_case_sensitive() {
        twinStore().insert(HUB, twin("Dev"));
        StoredTwin lower = new StoredTwin("dev", 1, "{\"lower\":true}", "{}", 1, "{}", 1, StoreFixtures.FIRST);
        assertThat(twinStore().insert(HUB, lower)).isTrue();
        assertThat(twinStore().find(HUB, "Dev")).contains(twin("Dev"));
        assertThat(twinStore().find(HUB, "dev")).contains(lower);
        assertThat(twinStore().find(HUB, "DEV")).isEmpty();
        assertThat(twinStore().delete(HUB, "DEV")).isFalse();
        assertThat(twinStore().delete(HUB, "dev")).isTrue();
        assertThat(twinStore().find(HUB, "Dev")).contains(twin("Dev"));
    }

    @Test
    default void hub_host_names_are_case_insensitive() {
        twinStore().insert("Hub-1.Example.COM", twin("dev-1"));
        assertThat(twinStore().find(HUB, "dev-1")).contains(twin("dev-1"));
        assertThat(twinStore().insert("HUB-1.EXAMPLE.COM", twin("dev-1"))).isFalse();
        assertThat(twinStore().delete("hub-1.EXAMPLE.com", "dev-1")).isTrue();
    }

    @Test
    default void the_same_device_id_in_two_hubs_has_two_twins() {
        StoredTwin other = new StoredTwin("dev-1", 1, "{\"hub\":2}", "{}", 1, "{}", 1, StoreFixtures.FIRST);
        twinStore().insert(HUB, twin("dev-1"));
        assertThat(twinStore().insert(OTHER_HUB, other)).isTrue();
        assertThat(twinStore().find(OTHER_HUB, "dev-1")).contains(other);
        assertThat(twinStore().delete(HUB, "dev-1")).isTrue();
        assertThat(twinStore().find(OTHER_HUB, "dev-1")).contains(other);
    }

    @Test
    default void insert_returns_false_when_the_twin_exists_and_keeps_the_stored_one() {
        twinStore().insert(HUB, twin("dev-1"));
        StoredTwin other = new StoredTwin("dev-1", 1, "{}", "{}", 1, "{}", 1, StoreFixtures.FIRST);
        assertThat(twinStore().insert(HUB, other)).isFalse();
        assertThat(twinStore().find(HUB, "dev-1")).contains(twin("dev-1"));
    }

    @Test
    default void replace_stores_every_field_but_the_creation_time_when_the_version_matches() {
        Instant created = StoreFixtures.CREATED;
        twinStore().insert(HUB, twin("dev-1"));
        StoredTwin second = new StoredTwin("dev-1", 6, "{\"site\":\"Bern\"}", "{\"interval\":60}", 5,
                "{\"firmware\":\"1.2.4\"}", 8, new Revision(2, created.minusSeconds(60), StoreFixtures.UPDATED));
        assertThat(twinStore().replace(HUB, second, 1)).isTrue();
        assertThat(twinStore().find(HUB, "dev-1"))
                .contains(second.withRevision(new Revision(2, created, StoreFixtures.UPDATED)));
    }

    @Test
    default void the_twin_version_is_kept_apart_from_the_row_version() {
        StoredTwin first = twin("dev-1");
        twinStore().insert(HUB, first);
        // A device's reported properties change the row version (the etag) but not the twin's own version.
        StoredTwin reported = new StoredTwin("dev-1", first.version(), first.tagsJson(), first.desiredJson(),
                first.desiredVersion(), "{\"firmware\":\"2.0.0\"}", first.reportedVersion() + 1,
                first.revision().next(StoreFixtures.UPDATED));
        assertThat(twinStore().replace(HUB, reported, 1)).isTrue();
        StoredTwin found = twinStore().find(HUB, "dev-1").orElseThrow();
        assertThat(found).isEqualTo(reported);
        assertThat(found.version()).isEqualTo(5);
        assertThat(found.revision().version()).isEqualTo(2);
    }

    @Test
    default void replace_returns_false_when_the_version_is_stale_or_the_twin_unknown() {
        twinStore().insert(HUB, twin("dev-1"));
        StoredTwin next = new StoredTwin("dev-1", 1, "{}", "{}", 1, "{}", 1, new Revision(3, StoreFixtures.CREATED,
                StoreFixtures.UPDATED));
        assertThat(twinStore().replace(HUB, next, 2)).isFalse();
        assertThat(twinStore().replace(OTHER_HUB, next, 1)).isFalse();
        assertThat(twinStore().find(HUB, "dev-1")).contains(twin("dev-1"));
        assertThat(twinStore().find(OTHER_HUB, "dev-1")).isEmpty();
    }

    @Test
    default void delete_returns_false_when_nothing_was_deleted() {
        twinStore().insert(HUB, twin("dev-1"));
        assertThat(twinStore().delete(HUB, "dev-1")).isTrue();
        assertThat(twinStore().delete(HUB, "dev-1")).isFalse();
        assertThat(twinStore().find(HUB, "dev-1")).isEmpty();
    }

    @Test
    default void timestamps_round_trip_to_at_least_the_microsecond() {
        Instant created = Instant.parse("2026-01-02T03:04:05.123456789Z");
        Instant updated = Instant.parse("2026-01-02T03:04:06.000000001Z");
        twinStore().insert(HUB, twin("dev-1").withRevision(new Revision(1, created, updated)));
        Revision found = twinStore().find(HUB, "dev-1").orElseThrow().revision();
        assertThat(found.created()).isIn(created, created.truncatedTo(ChronoUnit.MICROS));
        assertThat(found.updated()).isIn(updated, updated.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    default void concurrent_inserts_of_one_twin_let_exactly_one_win() throws Exception {
        List<Boolean> results = Concurrently.run(VersionedStoreContract.CONCURRENT_WRITERS,
                () -> twinStore().insert(HUB, twin("race")));
        assertThat(results).containsOnlyOnce(true);
        assertThat(twinStore().find(HUB, "race")).contains(twin("race"));
    }

    @Test
    default void concurrent_replaces_of_one_version_let_exactly_one_win() throws Exception {
        twinStore().insert(HUB, twin("race"));
        StoredTwin next = twin("race").withRevision(StoreFixtures.FIRST.next(StoreFixtures.UPDATED));
        List<Boolean> results = Concurrently.run(VersionedStoreContract.CONCURRENT_WRITERS,
                () -> twinStore().replace(HUB, next, 1));
        assertThat(results).containsOnlyOnce(true);
        assertThat(twinStore().find(HUB, "race")).contains(next);
    }
}
