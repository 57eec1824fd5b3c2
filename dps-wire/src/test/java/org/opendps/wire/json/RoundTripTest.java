package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.FULL_SETTINGS;
import static org.opendps.wire.json.Fixtures.INFO;
import static org.opendps.wire.json.Fixtures.PRIMARY_KEY;
import static org.opendps.wire.json.Fixtures.REVISION;
import static org.opendps.wire.json.Fixtures.SECONDARY_KEY;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.Attestation;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.NoAttestation;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.TpmAttestation;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509Entry;
import org.opendps.core.enrollment.X509Kind;

/** What the writers produce, the readers take back: the server's responses for the CLI, the CLI's requests. */
class RoundTripTest {
    private static final JsonText DEVICE_INFO = new JsonText("{\"model\":\"m-1\",\"serial\":42}");

    static Stream<Attestation> attestations() {
        return Stream.of(
                new NoAttestation(),
                new TpmAttestation("RUsta2V5", "U1JLLWtleQ=="),
                new TpmAttestation("RUsta2V5", null),
                new SymmetricKeyAttestation(PRIMARY_KEY, SECONDARY_KEY),
                x509(X509Kind.CLIENT_CERTIFICATES, true),
                x509(X509Kind.SIGNING_CERTIFICATES, false),
                new X509Attestation(X509Kind.CA_REFERENCES, X509Entry.ofCaReference("root-ca"),
                        X509Entry.ofCaReference("backup-ca")));
    }

    static Stream<EnrollmentSettings> settings() {
        return Stream.of(EnrollmentSettings.DEFAULTS, FULL_SETTINGS);
    }

    @ParameterizedTest
    @MethodSource("attestations")
    void enrollment_response_reads_back_with_secrets_and_certificate_text_left_out(Attestation attestation) {
        IndividualEnrollment sent = new IndividualEnrollment("device-1", "dev-1", attestation, FULL_SETTINGS,
                DEVICE_INFO, REVISION);

        Draft<IndividualEnrollment> read = EnrollmentJson.readEnrollment(EnrollmentJson.writeEnrollment(sent,
                EnrollmentJsonWriteTest.registered()));

        assertThat(read.item()).isEqualTo(sent.withAttestation(shown(attestation)));
        assertThat(read.etag()).isEqualTo(REVISION.etag());
    }

    @ParameterizedTest
    @MethodSource("attestations")
    void enrollment_request_reads_back_whole(Attestation attestation) {
        IndividualEnrollment sent = new IndividualEnrollment("device-1", null, attestation, FULL_SETTINGS,
                DEVICE_INFO, null);

        Draft<IndividualEnrollment> read = EnrollmentJson.readEnrollment(
                EnrollmentJson.writeEnrollmentRequest(sent, "\"e-1\""));

        assertThat(read.item()).isEqualTo(withoutInfo(sent));
        assertThat(read.etag()).isEqualTo("\"e-1\"");
    }

    @ParameterizedTest
    @MethodSource("settings")
    void group_response_and_request_read_back(EnrollmentSettings settings) {
        EnrollmentGroup group = new EnrollmentGroup("group-1", new SymmetricKeyAttestation(PRIMARY_KEY, SECONDARY_KEY),
                settings, REVISION);

        EnrollmentGroup response = EnrollmentJson.readGroup(EnrollmentJson.writeGroup(group)).item();
        EnrollmentGroup request = EnrollmentJson.readGroup(EnrollmentJson.writeGroupRequest(group, null)).item();

        assertThat(response).isEqualTo(group.withAttestation(SymmetricKeyAttestation.REDACTED));
        assertThat(request).isEqualTo(group.withRevision(null));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void every_setting_survives_a_round_trip(EnrollmentSettings settings) {
        IndividualEnrollment sent = new IndividualEnrollment("d", null, new NoAttestation(), settings, null, null);

        assertThat(EnrollmentJson.readEnrollment(EnrollmentJson.writeEnrollmentRequest(sent, null)).item()
                .settings()).isEqualTo(settings);
    }

    @ParameterizedTest
    @MethodSource("attestations")
    void attestation_mechanism_reads_back_whole(Attestation attestation) {
        assertThat(EnrollmentJson.readAttestationMechanism(EnrollmentJson.writeAttestationMechanism(attestation)))
                .isEqualTo(withoutCertificates(attestation));
    }

    @Test
    void query_pages_read_back() {
        IndividualEnrollment e = new IndividualEnrollment("d", null, new NoAttestation(), FULL_SETTINGS, null,
                REVISION);
        EnrollmentGroup g = new EnrollmentGroup("g", new NoAttestation(), FULL_SETTINGS, REVISION);

        List<Draft<IndividualEnrollment>> enrollments =
                EnrollmentJson.readEnrollments(EnrollmentJson.writeEnrollments(List.of(e, e), id -> null));
        List<Draft<EnrollmentGroup>> groups = EnrollmentJson.readGroups(EnrollmentJson.writeGroups(List.of(g)));

        assertThat(enrollments).extracting(Draft::item).containsExactly(e, e);
        assertThat(groups).extracting(Draft::etag).containsExactly(REVISION.etag());
    }

    private static X509Attestation x509(X509Kind kind, boolean secondary) {
        return new X509Attestation(kind, X509Entry.ofCertificate("TUlJQnByaW1hcnk=", INFO),
                secondary ? X509Entry.ofCertificate("TUlJQnNlY29uZA==", INFO) : null);
    }

    /** What a GET shows: no keys, and certificates by their info only. */
    private static Attestation shown(Attestation attestation) {
        return withoutCertificates(attestation.withoutSecrets());
    }

    private static Attestation withoutCertificates(Attestation attestation) {
        if (attestation instanceof X509Attestation x509 && x509.kind() != X509Kind.CA_REFERENCES) {
            return new X509Attestation(x509.kind(), new X509Entry(null, x509.primary().info(), null),
                    x509.secondary() == null ? null : new X509Entry(null, x509.secondary().info(), null));
        }
        return attestation;
    }

    /** What a request carries: certificate text, without the info the service derives from it. */
    private static IndividualEnrollment withoutInfo(IndividualEnrollment e) {
        if (e.attestation() instanceof X509Attestation x509 && x509.kind() != X509Kind.CA_REFERENCES) {
            return e.withAttestation(new X509Attestation(x509.kind(),
                    new X509Entry(x509.primary().certificate(), null, null),
                    x509.secondary() == null ? null : new X509Entry(x509.secondary().certificate(), null, null)));
        }
        return e;
    }
}
