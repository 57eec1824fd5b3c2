package org.opendps.cli;

import java.util.Objects;

/**
 * An expected failure of a command, with the exit code it ends with. The message is printed as one line,
 * {@code error: <message>}, so it must never carry a key or a token.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    public CliException(ExitCode exitCode, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause, false, false);
        this.exitCode = Objects.requireNonNull(exitCode, "exitCode");
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** A bad option or combination of options, found after parsing (exit code 2). */
    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    /** A problem on this machine: connection info missing, unreadable or invalid. */
    public static CliException local(String message) {
        return new CliException(ExitCode.LOCAL, message);
    }
}
