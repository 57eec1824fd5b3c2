package org.opendps.core.enrollment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.opendps.core.query.Filter;
import org.opendps.core.store.VersionedStore;

/** Minimal stores for use-case tests; the JDBC stores are held to the full contract elsewhere. */
final class InMemoryStores {
    private InMemoryStores() {}

    static class Versioned<T extends org.opendps.core.enrollment.Versioned<T>> implements VersionedStore<T> {
        private final Map<String, T> items = new ConcurrentSkipListMap<>();

        @Override
        public Optional<T> find(String id) {
            return Optional.ofNullable(items.get(key(id)));
        }

        @Override
        public synchronized boolean insert(T item) {
            return items.putIfAbsent(key(item.id()), item) == null;
        }

        @Override
        public synchronized boolean replace(T item, long expectedVersion) {
            T current = items.get(key(item.id()));
            if (current == null || current.revision().version() != expectedVersion) {
                return false;
            }
            items.put(key(item.id()), item);
            return true;
        }

        @Override
        public synchronized boolean delete(String id, long expectedVersion) {
            T current = items.get(key(id));
            if (current == null || (expectedVersion >= 0 && current.revision().version() != expectedVersion)) {
                return false;
            }
            items.remove(key(id));
            return true;
        }

        @Override
        public List<T> query(Filter filter, String afterId, int limit) {
            return items.entrySet().stream()
                    .filter(e -> afterId == null || e.getKey().compareTo(afterId) > 0)
                    .map(Map.Entry::getValue).limit(limit).toList();
        }

        @Override
        public long count() {
            return items.size();
        }

        private static String key(String id) {
            return id.toLowerCase(Locale.ROOT);
        }
    }

    static final class Enrollments extends Versioned<IndividualEnrollment> implements EnrollmentStore {}

    static final class Groups extends Versioned<EnrollmentGroup> implements EnrollmentGroupStore {}
}
