package org.opendps.hub;

import org.opendps.core.enrollment.Revision;

/**
 * Etags and If-Match conditions as the IoT Hub service API uses them. Hub bodies carry etags bare (Azure's
 * {@code "etag":"AAAAAAAAAAc="}), clients send them back quoted or not (Node always quotes, even {@code "*"}).
 */
public final class Etags {
    /** The condition that any current version satisfies. */
    public static final String ANY = "*";

    private Etags() {}

    /** The etag as a hub body carries it, without the quotes {@link Revision#etag()} has. */
    public static String bare(Revision revision) {
        String quoted = revision.etag();
        return quoted.substring(1, quoted.length() - 1);
    }

    /**
     * The condition an If-Match header sets: null for none (absent or blank), {@link #ANY} for {@code *} or
     * {@code "*"}, else the etag as sent.
     */
    public static String condition(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String trimmed = ifMatch.trim();
        return trimmed.equals(ANY) || trimmed.equals("\"" + ANY + "\"") ? ANY : trimmed;
    }

    /** Whether the current revision satisfies a condition from {@link #condition}; none is satisfied by anything. */
    public static boolean satisfied(String condition, Revision current) {
        return condition == null || condition.equals(ANY) || current.matches(condition);
    }
}
