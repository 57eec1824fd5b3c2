package org.opendps.testsupport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.testsupport.store.StoreFixtures.CREATED;
import static org.opendps.testsupport.store.StoreFixtures.UPDATED;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.core.audit.AuditEntry;
import org.opendps.core.audit.AuditEvent;
import org.opendps.core.audit.AuditStore;

/**
 * The contract of an {@link AuditStore}: every event kept exactly, read newest first, in pages that follow each
 * other by sequence. Each test expects an empty store.
 */
public interface AuditStoreContract {
    AuditEvent CREATE = new AuditEvent(CREATED, "provisioningserviceowner", "PUT /enrollments/{id}",
            "/enrollments/dev-1", 200, null);
    AuditEvent REFUSED = new AuditEvent(UPDATED, "reader", "DELETE /enrollments/{id}", "/enrollments/dev-1", 401,
            401004);

    /** The store under test, empty at the start of each test. */
    AuditStore auditStore();

    @Test
    default void an_empty_log_lists_nothing() {
        assertThat(auditStore().list(null, 10)).isEmpty();
    }

    @Test
    default void events_are_kept_exactly_and_listed_newest_first() {
        auditStore().append(CREATE);
        auditStore().append(REFUSED);

        List<AuditEntry> entries = auditStore().list(null, 10);

        assertThat(entries).extracting(AuditEntry::event).containsExactly(REFUSED, CREATE);
        assertThat(entries.get(0).sequence()).isGreaterThan(entries.get(1).sequence());
    }

    @Test
    default void pages_follow_each_other_by_sequence_without_gaps_or_repeats() {
        for (int i = 0; i < 5; i++) {
            auditStore().append(new AuditEvent(CREATED.plusSeconds(i), "owner", "DELETE /enrollments/{id}",
                    "/enrollments/dev-" + i, 204, null));
        }

        List<AuditEntry> first = auditStore().list(null, 2);
        List<AuditEntry> second = auditStore().list(first.get(1).sequence(), 2);
        List<AuditEntry> last = auditStore().list(second.get(1).sequence(), 2);

        assertThat(List.of(first, second, last)).flatMap(page -> page).extracting(e -> e.event().resource())
                .containsExactly("/enrollments/dev-4", "/enrollments/dev-3", "/enrollments/dev-2",
                        "/enrollments/dev-1", "/enrollments/dev-0");
    }
}
