package org.opendps.cli.enrollment;

import org.opendps.cli.ExitCode;
import picocli.CommandLine.Option;

/** {@code show}: GET, and with {@code --show-keys} the attestationmechanism too. */
public abstract class ShowCommandBase<T> extends EnrollmentCommandBase<T> {
    @Option(names = "--show-keys", order = 40,
            description = "Also show the symmetric keys (POST .../attestationmechanism); GET never returns them.")
    boolean showKeys;

    protected ShowCommandBase(EnrollmentKind<T> kind) {
        super(kind);
    }

    protected abstract String id();

    @Override
    protected ExitCode execute() {
        byte[] body = client().get(path(id())).body();
        print(body, showKeys ? attestationMechanism(id()) : null);
        return ExitCode.OK;
    }
}
