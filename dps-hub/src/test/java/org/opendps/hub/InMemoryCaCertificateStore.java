package org.opendps.hub;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import org.opendps.core.certificate.CaCertificate;
import org.opendps.core.certificate.CaCertificateStore;
import org.opendps.core.query.Filter;

/** A {@link CaCertificateStore} over a map, by case-insensitive name; the JDBC store holds the full contract. */
public final class InMemoryCaCertificateStore implements CaCertificateStore {
    private final Map<String, CaCertificate> items = new ConcurrentSkipListMap<>();

    @Override
    public Optional<CaCertificate> find(String id) {
        return Optional.ofNullable(items.get(key(id)));
    }

    @Override
    public boolean insert(CaCertificate item) {
        return items.putIfAbsent(key(item.id()), item) == null;
    }

    @Override
    public synchronized boolean replace(CaCertificate item, long expectedVersion) {
        CaCertificate current = items.get(key(item.id()));
        if (current == null || current.revision().version() != expectedVersion) {
            return false;
        }
        items.put(key(item.id()), item);
        return true;
    }

    @Override
    public synchronized boolean delete(String id, long expectedVersion) {
        CaCertificate current = items.get(key(id));
        if (current == null || (expectedVersion >= 0 && current.revision().version() != expectedVersion)) {
            return false;
        }
        return items.remove(key(id)) != null;
    }

    @Override
    public List<CaCertificate> query(Filter filter, String afterId, int limit) {
        return items.entrySet().stream().filter(e -> afterId == null || e.getKey().compareTo(afterId) > 0)
                .limit(limit).map(Map.Entry::getValue).toList();
    }

    @Override
    public long count() {
        return items.size();
    }

    private static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
