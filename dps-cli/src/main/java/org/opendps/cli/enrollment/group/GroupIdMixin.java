package org.opendps.cli.enrollment.group;

import picocli.CommandLine.Option;

/** {@code --group-id}, which names an enrollment group. */
public final class GroupIdMixin {
    @Option(names = "--group-id", order = 1, paramLabel = "ID", required = true,
            description = "Enrollment group ID (alphanumerics and - . _ :, at most 128).")
    String value;

    public String value() {
        return value;
    }
}
