package org.opendps.core.error;

import java.util.Objects;

/** A request that OpenDPS refuses, with the catalogue entry that tells each protocol how to answer it. */
public class DpsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DpsError error;
    private final int retryAfterSeconds;

    public DpsException(DpsError error, String message) {
        this(error, message, 0);
    }

    /** @param retryAfterSeconds when the client may try again (throttling); 0 for no advice */
    public DpsException(DpsError error, String message, int retryAfterSeconds) {
        super(message == null ? error.defaultMessage() : message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public DpsException(DpsError error) {
        this(error, null);
    }

    public DpsError error() {
        return error;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** A 400 that names the offending field, so that a user knows what to fix. */
    public static DpsException invalidField(String field, String problem) {
        return new DpsException(DpsError.INVALID_FIELD, "Invalid field '" + field + "': " + problem);
    }
}
