package org.opendps.cli.enrollment;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.http.ServiceClient;
import org.opendps.cli.output.Json;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.wire.json.Draft;
import org.opendps.wire.json.EnrollmentJson;
import org.opendps.wire.json.RegistrationStateJson;

/** What the enrollment and group commands share: their kind, its paths, and how one enrollment is printed. */
public abstract class EnrollmentCommandBase<T> extends OnlineCommand {
    private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

    protected final EnrollmentKind<T> kind;

    protected EnrollmentCommandBase(EnrollmentKind<T> kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    protected final String path(String id) {
        return ServiceClient.path(kind.collection(), id);
    }

    /** {@code POST .../attestationmechanism}: the attestation with its symmetric keys. */
    protected final byte[] attestationMechanism(String id) {
        return client().post(path(id) + "/attestationmechanism", EMPTY_OBJECT, Map.of()).body();
    }

    /** Whether showing this attestation in full needs the attestationmechanism call. */
    protected static boolean hasSecrets(Attestation attestation) {
        return attestation.type() == AttestationType.SYMMETRIC_KEY;
    }

    /**
     * Prints one enrollment as the server answered it.
     *
     * @param mechanism the attestationmechanism answer, shown in place of the redacted attestation; may be null
     */
    protected final void print(byte[] body, byte[] mechanism) {
        if (output.json()) {
            out().println(Json.pretty(mechanism == null ? body : Json.withField(body, "attestation", mechanism)));
            return;
        }
        Draft<T> draft = kind.read(body);
        Attestation attestation = mechanism == null ? kind.attestation(draft.item())
                : EnrollmentJson.readAttestationMechanism(mechanism);
        byte[] state = Json.field(body, "registrationState");
        DeviceRegistrationState registration = state == null ? null : RegistrationStateJson.read(state);
        EnrollmentView.details(kind, draft.item(), attestation, registration).print(out());
    }
}
