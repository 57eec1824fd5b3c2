package org.opendps.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code opendps} command, one per kind of outcome a script may want to tell apart. HTTP
 * statuses map onto them through {@link #forHttpStatus(int)}.
 */
public enum ExitCode {
    OK(0, "Success."),
    INTERNAL(1, "Unexpected failure (a bug in opendps; please report it)."),
    USAGE(2, "Usage error: unknown command or option, missing or invalid value."),
    NOT_FOUND(3, "Not found (HTTP 404)."),
    CONFLICT(4, "Conflict or precondition failed: the resource exists, or changed since it was read (HTTP 409, 412)."),
    UNAUTHORIZED(5, "Not authorized: wrong key, expired token, or missing right (HTTP 401, 403)."),
    REJECTED(6, "The server rejected the request (any other HTTP 4xx)."),
    SERVER(7, "Server error, server unreachable, or TLS failure (HTTP 5xx, network)."),
    LOCAL(8, "Local problem: connection info missing or unreadable.");

    private final int code;
    private final String description;

    ExitCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    public int code() {
        return code;
    }

    public String description() {
        return description;
    }

    /** The exit code for an HTTP status the server answered: 2xx is {@link #OK}, any other a failure. */
    public static ExitCode forHttpStatus(int status) {
        if (status >= 200 && status < 300) {
            return OK;
        }
        if (status == 404) {
            return NOT_FOUND;
        }
        if (status == 409 || status == 412) {
            return CONFLICT;
        }
        if (status == 401 || status == 403) {
            return UNAUTHORIZED;
        }
        if (status >= 400 && status < 500) {
            return REJECTED;
        }
        return SERVER; // 5xx, and anything a DPS never answers (1xx, 3xx)
    }

    /** For picocli's "Exit Codes:" help section: code → description, in order. */
    public static Map<String, String> helpList() {
        Map<String, String> list = new LinkedHashMap<>();
        for (ExitCode exitCode : values()) {
            list.put(String.valueOf(exitCode.code), exitCode.description);
        }
        return list;
    }
}
