package org.opendps.core.store;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * A value computed from stores (parsed group keys, certificates, trust anchors), kept while their
 * {@link VersionedStore#changeCount change counts} stay the same: a write on this node or on any other sharing the
 * database makes the next {@link #get} compute it again. Each {@code get} reads the counts, one small query per
 * store, instead of reading and parsing the stores. A store that keeps no count is read every time.
 */
public final class ChangeCountedCache<T> {
    private final List<VersionedStore<?>> stores;
    private final Supplier<T> compute;
    private volatile Snapshot<T> snapshot;

    private record Snapshot<T>(long[] counts, T value) {}

    public ChangeCountedCache(List<VersionedStore<?>> stores, Supplier<T> compute) {
        this.stores = List.copyOf(stores);
        this.compute = Objects.requireNonNull(compute, "compute");
    }

    public T get() {
        long[] counts = new long[stores.size()];
        for (int i = 0; i < counts.length; i++) {
            OptionalLong count = stores.get(i).changeCount();
            if (count.isEmpty()) {
                return compute.get();
            }
            counts[i] = count.getAsLong();
        }
        Snapshot<T> cached = snapshot;
        if (cached != null && Arrays.equals(cached.counts(), counts)) {
            return cached.value();
        }
        // Computed after the counts were read: a write that lands meanwhile moves the counts past these, so the
        // next get computes again rather than keeping what this one may have missed.
        T value = compute.get();
        snapshot = new Snapshot<>(counts, value);
        return value;
    }
}
