package org.opendps.deviceclient;

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

    private RegistrationException(Kind kind, int httpStatus, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
    }

    /** The service answered an error status; {@code errorCode} 0 when its body had none. */
    public static RegistrationException refused(int httpStatus, int errorCode, String message) {
        return new RegistrationException(httpStatus == 401 || httpStatus == 403 ? Kind.NOT_AUTHORIZED : Kind.REFUSED,
                httpStatus, errorCode, (message == null ? "the service answered " + httpStatus : message)
                        + (errorCode == 0 ? "" : " (errorCode " + errorCode + ")"), null);
    }

    public static RegistrationException of(Kind kind, String message, Throwable cause) {
        return new RegistrationException(kind, 0, 0, message, cause);
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
}
