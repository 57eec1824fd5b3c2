package org.opendps.cli.enrollment;

import org.opendps.cli.ExitCode;
import picocli.CommandLine.Mixin;

/**
 * {@code create}: PUT without If-Match, so that an existing id fails with a conflict (exit code 4) instead of
 * being replaced; then the attestationmechanism, so that generated keys are shown.
 */
public abstract class CreateCommandBase<T> extends EnrollmentCommandBase<T> {
    @Mixin
    protected SettingsOptions settings;

    protected CreateCommandBase(EnrollmentKind<T> kind) {
        super(kind);
    }

    /** The enrollment the options describe. */
    public abstract T draft();

    @Override
    protected ExitCode execute() {
        T draft = draft();
        String id = kind.id(draft);
        byte[] created = client().put(path(id), kind.writeRequest(draft), null).body();
        print(created, hasSecrets(kind.attestation(draft)) ? attestationMechanism(id) : null);
        return ExitCode.OK;
    }
}
