package org.opendps.cli.enrollment;

import org.opendps.cli.ExitCode;
import picocli.CommandLine.Option;

/** {@code delete}: unconditional, or only while the etag still matches. */
public abstract class DeleteCommandBase<T> extends EnrollmentCommandBase<T> {
    @Option(names = "--etag", order = 40, paramLabel = "ETAG",
            description = "Delete only if the etag still matches (If-Match); otherwise exit code 4.")
    String etag;

    protected DeleteCommandBase(EnrollmentKind<T> kind) {
        super(kind);
    }

    protected abstract String id();

    @Override
    protected ExitCode execute() {
        client().delete(path(id()), etag);
        if (!output.json()) {
            out().println("Deleted " + kind.noun() + " '" + id() + "'.");
        }
        return ExitCode.OK;
    }
}
