package org.opendps.core.store;

import java.util.function.Supplier;

/**
 * When the writes of a storage become durable, for a use case that makes several writes before it answers.
 *
 * <p>By default every write returns only once it is durable, which costs a disk sync each (milliseconds). A use case
 * whose intermediate writes matter only if its last one lands (a registration: operation, hub identity, twin and
 * state, then the operation marked done) runs them {@link #deferring}: they are committed, so they survive a crash
 * of the process, but a power loss before the next sync may undo them. Any later write made outside such a scope,
 * and {@link #sync}, makes every write before it durable as well, since a storage's writes reach the disk in the
 * order they were committed. Whatever is told to a client must be preceded by one or the other.
 */
public interface Durability {
    /** Every write is durable when it returns: storages that sync each commit, or keep nothing on disk. */
    Durability IMMEDIATE = new Durability() {
        @Override
        public <T> T deferring(Supplier<T> writes) {
            return writes.get();
        }

        @Override
        public void sync() {}
    };

    /** Runs {@code writes} on this thread; the writes it makes may return before their sync. */
    <T> T deferring(Supplier<T> writes);

    /** Returns once every write committed so far is durable. */
    void sync();
}
