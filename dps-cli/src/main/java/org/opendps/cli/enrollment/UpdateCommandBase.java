package org.opendps.cli.enrollment;

import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.wire.json.Draft;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code update}: GET, apply the options given, PUT with If-Match set to the etag read, so that a change made by
 * someone else in between fails with exit code 4 instead of being overwritten.
 */
public abstract class UpdateCommandBase<T> extends EnrollmentCommandBase<T> {
    @Mixin
    protected SettingsOptions settings;

    @Option(names = "--etag", order = 40, paramLabel = "ETAG",
            description = "Update only if the server's etag is this one. Default: the etag just read.")
    String etag;

    @Option(names = "--force", order = 41, description = "Update whatever the etag (If-Match: *).")
    boolean force;

    @Option(names = "--show-keys", order = 42, description = "Also show the symmetric keys after the update.")
    boolean showKeys;

    protected UpdateCommandBase(EnrollmentKind<T> kind) {
        super(kind);
    }

    protected abstract String id();

    /** The enrollment as the options change it; {@code current} as the server showed it (keys hidden). */
    public abstract T apply(T current);

    /** Whether the options change the attestation (then the new keys are shown). */
    protected abstract boolean attestationChanged();

    @Override
    protected ExitCode execute() {
        if (force && etag != null) {
            throw CliException.usage("give --etag or --force, not both");
        }
        Draft<T> current = kind.read(client().get(path(id())).body());
        T updated = apply(current.item());
        String ifMatch = force ? "*" : etag != null ? etag : current.etag() != null ? current.etag() : "*";
        byte[] body = client().put(path(id()), kind.writeRequest(updated), ifMatch).body();
        boolean keys = hasSecrets(kind.attestation(updated)) && (showKeys || attestationChanged());
        print(body, keys ? attestationMechanism(id()) : null);
        return ExitCode.OK;
    }
}
