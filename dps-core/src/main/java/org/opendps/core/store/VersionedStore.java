package org.opendps.core.store;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.opendps.core.enrollment.Versioned;
import org.opendps.core.query.Filter;

/**
 * Storage of one kind of resource under optimistic concurrency. Ids compare case-insensitively; the stored form
 * keeps the case it was created with. Writes report conflicts as {@code false} rather than throwing, so that the
 * caller decides which error the client sees.
 */
public interface VersionedStore<T extends Versioned<T>> {

    Optional<T> find(String id);

    /** Stores a new resource whose revision is set; false when the id is already taken. */
    boolean insert(T item);

    /** Replaces the resource if its stored version is still {@code expectedVersion}; false otherwise. */
    boolean replace(T item, long expectedVersion);

    /**
     * Deletes the resource if its stored version is {@code expectedVersion}, or whatever its version when
     * {@code expectedVersion} is negative; false when nothing was deleted.
     */
    boolean delete(String id, long expectedVersion);

    /**
     * Items matching the filter in ascending order of their lower-cased id, starting after {@code afterId}
     * (lower-cased; null for the first page), at most {@code limit} of them.
     */
    List<T> query(Filter filter, String afterId, int limit);

    /** How many items there are in all; for status output and tests. */
    long count();

    /**
     * A number that changes with every write to this store, made here or by another node sharing its database: what
     * is cached from the store stays good while it stays the same. Empty when the store keeps none; then nothing
     * may be cached from it.
     */
    default OptionalLong changeCount() {
        return OptionalLong.empty();
    }
}
