package org.opendps.cli.enrollment.individual;

import picocli.CommandLine.Option;

/** {@code --registration-id}, which names an individual enrollment. */
public final class RegistrationIdMixin {
    @Option(names = "--registration-id", order = 1, paramLabel = "ID", required = true,
            description = "Registration ID of the device (alphanumerics and - . _ :, at most 128).")
    String value;

    public String value() {
        return value;
    }
}
