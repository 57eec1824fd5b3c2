package org.opendps.core.query;

import java.util.List;

/** One page of a query, with the opaque token for the next page or null on the last one. */
public record Page<T>(List<T> items, String continuation) {
    public Page {
        items = List.copyOf(items);
    }
}
