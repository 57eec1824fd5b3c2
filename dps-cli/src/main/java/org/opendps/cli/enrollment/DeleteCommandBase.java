package org.opendps.cli.enrollment;

import java.util.ArrayList;
import java.util.List;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.core.registration.Deprovisioning;
import picocli.CommandLine.Option;

/**
 * {@code delete}: unconditional, or only while the etag still matches; with {@code --deprovision}, the enrollment's
 * registered device(s) are first disabled or deleted in their hub (an OpenDPS extension).
 */
public abstract class DeleteCommandBase<T> extends EnrollmentCommandBase<T> {
    @Option(names = "--etag", order = 40, paramLabel = "ETAG",
            description = "Delete only if the etag still matches (If-Match); otherwise exit code 4.")
    String etag;

    @Option(names = "--deprovision", order = 41, paramLabel = "ACTION",
            completionCandidates = DeprovisionActions.class,
            description = "First disable or delete the registered device(s) in their hub: ${COMPLETION-CANDIDATES}.")
    String deprovision;

    protected DeleteCommandBase(EnrollmentKind<T> kind) {
        super(kind);
    }

    protected abstract String id();

    @Override
    protected ExitCode execute() {
        String path = deprovision == null ? path(id()) : path(id()) + "?deprovision=" + action().wireName();
        client().delete(path, etag);
        if (!output.json()) {
            out().println("Deleted " + kind.noun() + " '" + id() + "'"
                    + (deprovision == null ? "." : "; its device(s) " + action().wireName() + "d in the hub first."));
        }
        return ExitCode.OK;
    }

    /** Checked here, not by picocli, so that the message names the choices in their wire spelling. */
    private Deprovisioning.Action action() {
        return Deprovisioning.Action.fromWireName(deprovision).orElseThrow(() -> CliException.usage(
                "--deprovision must be 'disable' or 'delete', not '" + deprovision + "'"));
    }

    /** The values of --deprovision, for help and shell completion. */
    public static final class DeprovisionActions extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        public DeprovisionActions() {
            super(List.of("disable", "delete"));
        }
    }
}
