package org.opendps.store.jdbc;

import java.util.Locale;

/** The databases the stores run on, told apart by the JDBC URL. */
public enum Dialect {
    SQLITE("jdbc:sqlite:"),
    POSTGRESQL("jdbc:postgresql:");

    private final String urlPrefix;

    Dialect(String urlPrefix) {
        this.urlPrefix = urlPrefix;
    }

    /** The dialect of a JDBC URL; an IAE naming the URL (passwords hidden) when it is neither. */
    public static Dialect of(String jdbcUrl) {
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        for (Dialect dialect : values()) {
            if (lower.startsWith(dialect.urlPrefix)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException("The database URL " + JdbcUrls.redact(jdbcUrl)
                + " is not supported; use jdbc:sqlite:/path/to/file.db or jdbc:postgresql://host:port/database.");
    }

    /** The part of a resource name that selects this dialect's overrides: {@code base.sqlite.sql}. */
    String resourceName() {
        return name().toLowerCase(Locale.ROOT);
    }

    String urlPrefix() {
        return urlPrefix;
    }
}
