package org.opendps.cli.http;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.wire.json.ErrorJson;

/**
 * Failures of a service API call as one line each: the server's own message and error code when it sent an error
 * body, otherwise the HTTP status or what went wrong on the way. Nothing here repeats a request header, so no key
 * or token can leak into a message.
 */
public final class ServiceErrors {
    private ServiceErrors() {}

    /** A non-2xx answer, with its exit code from the status. */
    public static CliException fromResponse(int status, byte[] body) {
        return new CliException(ExitCode.forHttpStatus(status), describe(status, body));
    }

    static String describe(int status, byte[] body) {
        if (body != null && body.length > 0) {
            try {
                var error = ErrorJson.read(body);
                if (error != null && error.message() != null && !error.message().isBlank()) {
                    return error.message().strip() + " (errorCode " + error.errorCode() + ")";
                }
            } catch (RuntimeException e) {
                // not an error body of ours (a proxy's page, say): fall back to the status
            }
        }
        return "the server answered HTTP " + status + (status == 401 || status == 403 ? " (not authorized)" : "");
    }

    /** The request never got an answer: DNS, connection, TLS or timeout. */
    public static CliException unreachable(URI endpoint, Exception failure) {
        SSLException tls = cause(failure, SSLException.class);
        if (tls != null) {
            return new CliException(ExitCode.SERVER, "TLS handshake with " + endpoint + " failed (" + tls.getMessage()
                    + "); trust the server's CA with --ca-certificate FILE");
        }
        if (cause(failure, HttpConnectTimeoutException.class) != null) {
            return new CliException(ExitCode.SERVER, "cannot connect to " + endpoint + ": timed out");
        }
        if (cause(failure, HttpTimeoutException.class) != null) {
            return new CliException(ExitCode.SERVER, "no answer from " + endpoint + " in time");
        }
        if (cause(failure, UnresolvedAddressException.class) != null
                || cause(failure, UnknownHostException.class) != null) {
            return new CliException(ExitCode.SERVER, "cannot connect to " + endpoint + ": unknown host");
        }
        if (cause(failure, ConnectException.class) != null) {
            return new CliException(ExitCode.SERVER, "cannot connect to " + endpoint
                    + ": connection refused (is `opendps serve` running?)");
        }
        String detail = failure.getMessage() == null ? "" : " " + failure.getMessage();
        return new CliException(ExitCode.SERVER, "request to " + endpoint + " failed: "
                + failure.getClass().getSimpleName() + detail);
    }

    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
