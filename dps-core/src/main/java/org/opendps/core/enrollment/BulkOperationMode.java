package org.opendps.core.enrollment;

import java.util.Optional;

/** The modes of a bulk enrollment operation; clients differ in case ({@code updateIfMatchEtag}, PascalCase). */
public enum BulkOperationMode {
    CREATE("create"),
    UPDATE("update"),
    UPDATE_IF_MATCH_ETAG("updateIfMatchETag"),
    DELETE("delete");

    private final String wireName;

    BulkOperationMode(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<BulkOperationMode> fromWireName(String name) {
        for (BulkOperationMode mode : values()) {
            if (mode.wireName.equalsIgnoreCase(name)) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
