package org.opendps.core.error;

import java.util.Objects;

/** A request that OpenDPS refuses, with the catalogue entry that tells each protocol how to answer it. */
public class DpsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final DpsError error;

    public DpsException(DpsError error, String message) {
        super(message == null ? error.defaultMessage() : message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    public DpsException(DpsError error) {
        this(error, null);
    }

    public DpsError error() {
        return error;
    }

    /** A 400 that names the offending field, so that a user knows what to fix. */
    public static DpsException invalidField(String field, String problem) {
        return new DpsException(DpsError.INVALID_FIELD, "Invalid field '" + field + "': " + problem);
    }
}
