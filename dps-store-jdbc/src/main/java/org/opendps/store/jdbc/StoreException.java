package org.opendps.store.jdbc;

/**
 * A database failure that is not an expected conflict: unreachable, misconfigured or broken. Its message is one
 * sentence a user can act on and never holds a secret (no password, no key, no row values).
 */
public class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
