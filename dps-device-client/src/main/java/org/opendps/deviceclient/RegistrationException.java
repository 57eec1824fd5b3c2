package org.opendps.deviceclient;

import java.time.Duration;
import java.util.Optional;

/**
 * A registration that did not end with a status from the service: refused (an HTTP status or CONNACK code with
 * Azure's error code and message), or never answered (network, TLS, timeout). The message never holds a key.
 */
public final class RegistrationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why it failed, in the terms a caller decides on. */
    public enum Kind { REFUSED, NOT_AUTHORIZED, UNREACHABLE, TLS, TIMEOUT, PROTOCOL }

    private final Kind kind;
    private final int httpStatus;
    private final int errorCode;
    private final transient Duration retryAfter;

    private RegistrationException(Kind kind, int httpStatus, int errorCode, String message, Duration retryAfter,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    /** The service answered an error status; {@code errorCode} 0 when its body had none. */
    public static RegistrationException refused(int httpStatus, int errorCode, String message) {
        return refused(httpStatus, errorCode, message, null);
    }

    /** As {@link #refused(int, int, String)}, with the {@code Retry-After} the answer carried (null: none). */
    public static RegistrationException refused(int httpStatus, int errorCode, String message, String retryAfter) {
        return new RegistrationException(httpStatus == 401 || httpStatus == 403 ? Kind.NOT_AUTHORIZED : Kind.REFUSED,
                httpStatus, errorCode, (message == null ? "the service answered " + httpStatus : message)
                        + (errorCode == 0 ? "" : " (errorCode " + errorCode + ")"),
                retryAfter == null ? null : Polling.retryAfter(retryAfter), null);
    }

    public static RegistrationException of(Kind kind, String message, Throwable cause) {
        return new RegistrationException(kind, 0, 0, message, null, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status (or the one an MQTT response topic named); 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    public int errorCode() {
        return errorCode;
    }

    /** How long the service asked the device to wait before it tries again (a 429's {@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
