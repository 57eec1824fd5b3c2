package org.opendps.core.enrollment;

import java.time.Instant;
import java.util.Objects;

/**
 * The row version of a stored resource and its timestamps. The version drives optimistic concurrency; the etag is
 * its outside form, quoted as Azure quotes it, and includes the creation time so that an etag of a deleted and
 * re-created resource never matches the new one.
 */
public record Revision(long version, Instant created, Instant updated) {
    public Revision {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(updated, "updated");
        if (version < 1) {
            throw new IllegalArgumentException("version must be positive: " + version);
        }
    }

    public static Revision first(Instant now) {
        return new Revision(1, now, now);
    }

    public Revision next(Instant now) {
        return new Revision(version + 1, created, now);
    }

    /** The etag with its double quotes, as Azure sends it in bodies and expects back in If-Match. */
    public String etag() {
        return "\"" + Long.toHexString(created.toEpochMilli()) + "-" + version + "\"";
    }

    /** Compares an etag as a client sent it, with or without quotes (clients differ). */
    public boolean matches(String etag) {
        return unquote(etag()).equals(unquote(etag.trim()));
    }

    private static String unquote(String value) {
        String v = value.startsWith("W/") ? value.substring(2) : value;
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
