package org.opendps.cli.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.cli.Cli;
import org.opendps.cli.CliException;
import org.opendps.cli.enrollment.individual.EnrollmentCreateCommand;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.CustomAllocationDefinition;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.ProvisioningStatus;
import org.opendps.core.enrollment.ReprovisionPolicy;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.TpmAttestation;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509Certificates;
import org.opendps.core.enrollment.X509Kind;

class EnrollmentCreateOptionsTest {
    static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    static final String KEY_B = Base64.getEncoder().encodeToString(new byte[48]);

    @TempDir
    static Path dir;
    static Path pemFile;
    static Path derFile;
    static IssuedCertificate device;

    @BeforeAll
    static void certificates() throws Exception {
        device = CertificateFiles.device("device-7");
        pemFile = CertificateFiles.pem(dir, device);
        derFile = Files.write(dir.resolve("device.der"), device.certificate().getEncoded());
    }

    static IndividualEnrollment draft(String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "enrollment";
        args[1] = "create";
        System.arraycopy(options, 0, args, 2, options.length);
        return Cli.parse(EnrollmentCreateCommand.class, args).draft();
    }

    @Test
    void defaults_are_a_symmetric_key_enrollment_with_keys_left_to_the_server_and_migrate() {
        IndividualEnrollment draft = draft("--registration-id", "dev-1");

        assertThat(draft.registrationId()).isEqualTo("dev-1");
        assertThat(draft.deviceId()).isNull();
        assertThat(draft.attestation()).isEqualTo(new SymmetricKeyAttestation(null, null));
        assertThat(draft.settings()).isEqualTo(EnrollmentSettings.DEFAULTS);
        assertThat(draft.settings().reprovisionPolicy()).isEqualTo(new ReprovisionPolicy(true, true));
        assertThat(draft.revision()).isNull();
    }

    @Test
    void keys_and_every_setting_are_taken_from_the_options() {
        IndividualEnrollment draft = draft("--registration-id", "dev-1", "--device-id", "device-one",
                "--primary-key", KEY_A, "--secondary-key", KEY_B, "--iot-hub", "hub-a.example",
                "--iot-hub", "hub-b.example", "--allocation-policy", "geoLatency",
                "--initial-twin", "{\"tags\":{\"floor\":3}}", "--edge", "--disabled", "--reprovision", "reset");

        assertThat(draft.deviceId()).isEqualTo("device-one");
        assertThat(draft.attestation()).isEqualTo(new SymmetricKeyAttestation(KEY_A, KEY_B));
        assertThat(draft.settings()).isEqualTo(new EnrollmentSettings(true, null,
                new JsonText("{\"tags\":{\"floor\":3}}"), ProvisioningStatus.DISABLED,
                new ReprovisionPolicy(true, false), AllocationPolicy.GEO_LATENCY,
                List.of("hub-a.example", "hub-b.example"), null));
    }

    @Test
    void reprovision_never_does_not_move_the_device() {
        assertThat(draft("--registration-id", "d", "--reprovision", "never").settings().reprovisionPolicy())
                .isEqualTo(new ReprovisionPolicy(false, false));
    }

    @Test
    void a_webhook_url_implies_custom_allocation_with_the_default_api_version() {
        EnrollmentSettings settings = draft("--registration-id", "d", "--webhook-url", "https://alloc.example/x")
                .settings();

        assertThat(settings.allocationPolicy()).isEqualTo(AllocationPolicy.CUSTOM);
        assertThat(settings.customAllocationDefinition())
                .isEqualTo(new CustomAllocationDefinition("https://alloc.example/x", "2021-10-01"));
    }

    @Test
    void custom_allocation_without_a_webhook_is_a_usage_error() {
        assertThatThrownBy(() -> draft("--registration-id", "d", "--allocation-policy", "custom"))
                .isInstanceOf(CliException.class).hasMessageContaining("--webhook-url");
    }

    @Test
    void tpm_keys_imply_tpm_attestation() {
        assertThat(draft("--registration-id", "d", "--endorsement-key", "AAEC", "--storage-root-key", "AwQF")
                .attestation()).isEqualTo(new TpmAttestation("AAEC", "AwQF"));
    }

    @Test
    void tpm_without_an_endorsement_key_is_a_usage_error() {
        assertThatThrownBy(() -> draft("--registration-id", "d", "--attestation", "tpm"))
                .isInstanceOf(CliException.class).hasMessageContaining("--endorsement-key");
    }

    @Test
    void a_pem_certificate_is_sent_as_pem_text_without_trailing_whitespace() {
        X509Attestation x509 = (X509Attestation) draft("--registration-id", "device-7", "--attestation", "x509",
                "--certificate", pemFile.toString()).attestation();

        assertThat(x509.kind()).isEqualTo(X509Kind.CLIENT_CERTIFICATES);
        assertThat(x509.primary().certificate()).startsWith("-----BEGIN CERTIFICATE-----")
                .endsWith("-----END CERTIFICATE-----");
        assertThat(x509.secondary()).isNull();
    }

    @Test
    void a_der_certificate_is_sent_as_base64() throws Exception {
        X509Attestation x509 = (X509Attestation) draft("--registration-id", "device-7",
                "--certificate", derFile.toString(), "--secondary-certificate", pemFile.toString()).attestation();

        assertThat(x509.primary().certificate())
                .isEqualTo(Base64.getEncoder().encodeToString(device.certificate().getEncoded()));
        assertThat(X509Certificates.parse("secondary", x509.secondary().certificate()))
                .isEqualTo(device.certificate());
    }

    @Test
    void a_file_that_is_not_a_certificate_is_a_usage_error() throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "hello");

        Cli.Result result = Cli.run("enrollment", "create", "--registration-id", "d", "--certificate",
                junk.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--certificate");
    }

    @Test
    void options_of_two_attestation_types_are_a_usage_error() {
        assertThatThrownBy(() -> draft("--registration-id", "d", "--primary-key", KEY_A, "--certificate",
                pemFile.toString())).isInstanceOf(CliException.class).hasMessageContaining("different attestation");
        assertThatThrownBy(() -> draft("--registration-id", "d", "--attestation", "tpm", "--primary-key", KEY_A))
                .isInstanceOf(CliException.class).hasMessageContaining("--attestation tpm");
    }

    @Test
    void the_initial_twin_may_come_from_a_file_and_must_be_an_object() throws Exception {
        Path twin = Files.writeString(dir.resolve("twin.json"), "{\"properties\":{\"desired\":{\"a\":1}}}");

        assertThat(draft("--registration-id", "d", "--initial-twin", "@" + twin).settings().initialTwin())
                .isEqualTo(new JsonText("{\"properties\":{\"desired\":{\"a\":1}}}"));
        assertThat(Cli.run("enrollment", "create", "--registration-id", "d", "--initial-twin", "[1]").exitCode())
                .isEqualTo(2);
    }

    @Test
    void the_registration_id_is_required() {
        Cli.Result result = Cli.run("enrollment", "create");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--registration-id");
    }
}
