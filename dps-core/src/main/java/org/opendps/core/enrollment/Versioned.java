package org.opendps.core.enrollment;

/** A resource kept under optimistic concurrency, found by a case-insensitive id. */
public interface Versioned<T extends Versioned<T>> {
    String id();

    /** Null before the resource is first stored. */
    Revision revision();

    T withRevision(Revision revision);
}
