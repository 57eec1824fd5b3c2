package org.opendps.cli.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.cli.enrollment.EnrollmentCreateOptionsTest.KEY_A;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.cli.Cli;
import org.opendps.cli.CliException;
import org.opendps.cli.enrollment.group.GroupCreateCommand;
import org.opendps.cli.enrollment.group.GroupUpdateCommand;
import org.opendps.cli.enrollment.individual.EnrollmentUpdateCommand;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.ProvisioningStatus;
import org.opendps.core.enrollment.ReprovisionPolicy;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509CertificateInfo;
import org.opendps.core.enrollment.X509Entry;
import org.opendps.core.enrollment.X509Kind;

class GroupAndUpdateOptionsTest {
    private static final Revision REVISION = new Revision(3, Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-02T00:00:00Z"));
    private static final EnrollmentSettings CURRENT_SETTINGS = new EnrollmentSettings(true, null,
            new JsonText("{\"tags\":{}}"), ProvisioningStatus.DISABLED, new ReprovisionPolicy(false, false),
            AllocationPolicy.STATIC, List.of("hub-a.example"), null);
    /** As a GET shows it: keys hidden. */
    private static final IndividualEnrollment CURRENT = new IndividualEnrollment("dev-1", "device-one",
            SymmetricKeyAttestation.REDACTED, CURRENT_SETTINGS, null, REVISION);

    @TempDir
    static Path dir;
    static Path pemFile;

    @BeforeAll
    static void certificate() throws Exception {
        pemFile = CertificateFiles.pem(dir, CertificateFiles.device("ca-1"));
    }

    private static GroupCreateCommand groupCreate(String... options) {
        return Cli.parse(GroupCreateCommand.class, concat(new String[] {"enrollment-group", "create"}, options));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void a_group_takes_a_ca_reference() {
        EnrollmentGroup group = groupCreate("--group-id", "g1", "--ca-reference", "root-ca").draft();

        assertThat(group.enrollmentGroupId()).isEqualTo("g1");
        assertThat(group.attestation()).isEqualTo(new X509Attestation(X509Kind.CA_REFERENCES,
                X509Entry.ofCaReference("root-ca"), null));
    }

    @Test
    void a_group_certificate_is_a_signing_certificate() {
        X509Attestation x509 = (X509Attestation) groupCreate("--group-id", "g1", "--certificate",
                pemFile.toString()).draft().attestation();

        assertThat(x509.kind()).isEqualTo(X509Kind.SIGNING_CERTIFICATES);
    }

    @Test
    void a_group_defaults_to_a_symmetric_key_and_refuses_tpm() {
        assertThat(groupCreate("--group-id", "g1").draft().attestation())
                .isEqualTo(new SymmetricKeyAttestation(null, null));
        assertThatThrownBy(() -> groupCreate("--group-id", "g1", "--attestation", "tpm").draft())
                .isInstanceOf(CliException.class).hasMessageContaining("not tpm");
        assertThatThrownBy(() -> groupCreate("--group-id", "g1", "--attestation", "x509").draft())
                .isInstanceOf(CliException.class).hasMessageContaining("--ca-reference");
    }

    @Test
    void update_without_options_keeps_everything_as_the_server_has_it() {
        IndividualEnrollment updated = Cli.parse(EnrollmentUpdateCommand.class, "enrollment", "update",
                "--registration-id", "dev-1").apply(CURRENT);

        assertThat(updated).isEqualTo(CURRENT);
    }

    @Test
    void update_changes_only_what_the_options_name() {
        IndividualEnrollment updated = Cli.parse(EnrollmentUpdateCommand.class, "enrollment", "update",
                "--registration-id", "dev-1", "--enabled", "--no-edge", "--iot-hub", "hub-b.example",
                "--allocation-policy", "hashed", "--primary-key", KEY_A).apply(CURRENT);

        assertThat(updated.deviceId()).isEqualTo("device-one");
        assertThat(updated.attestation()).isEqualTo(new SymmetricKeyAttestation(KEY_A, null));
        assertThat(updated.settings()).isEqualTo(new EnrollmentSettings(false, null, new JsonText("{\"tags\":{}}"),
                ProvisioningStatus.ENABLED, new ReprovisionPolicy(false, false), AllocationPolicy.HASHED,
                List.of("hub-b.example"), null));
        assertThat(updated.revision()).isEqualTo(REVISION);
    }

    @Test
    void enabled_and_disabled_exclude_each_other() {
        assertThatThrownBy(() -> Cli.parse(EnrollmentUpdateCommand.class, "enrollment", "update",
                "--registration-id", "dev-1", "--enabled", "--disabled").apply(CURRENT))
                .isInstanceOf(CliException.class);
    }

    @Test
    void a_new_secondary_certificate_keeps_the_primary_the_server_described() {
        X509Entry primaryAsShown = new X509Entry(null, new X509CertificateInfo("CN=g", "AA", "BB", "CN=g",
                Instant.EPOCH, Instant.EPOCH, "01", 3), null);
        EnrollmentGroup current = new EnrollmentGroup("g1",
                new X509Attestation(X509Kind.SIGNING_CERTIFICATES, primaryAsShown, null), CURRENT_SETTINGS, REVISION);

        EnrollmentGroup updated = Cli.parse(GroupUpdateCommand.class, "enrollment-group", "update",
                "--group-id", "g1", "--secondary-certificate", pemFile.toString())
                .apply(current);

        X509Attestation x509 = (X509Attestation) updated.attestation();
        assertThat(x509.primary()).isEqualTo(primaryAsShown);
        assertThat(x509.secondary().certificate()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void a_group_can_switch_from_certificates_to_a_group_key() {
        EnrollmentGroup current = new EnrollmentGroup("g1", new X509Attestation(X509Kind.CA_REFERENCES,
                X509Entry.ofCaReference("root"), null), CURRENT_SETTINGS, REVISION);

        EnrollmentGroup updated = Cli.parse(GroupUpdateCommand.class, "enrollment-group", "update",
                "--group-id", "g1", "--attestation", "symmetric-key").apply(current);

        assertThat(updated.attestation()).isEqualTo(new SymmetricKeyAttestation(null, null));
    }

    @Test
    void force_and_etag_exclude_each_other() {
        Cli.Result result = Cli.run("enrollment", "update", "--registration-id", "d", "--force", "--etag", "\"x\"",
                "--connection-string", "HostName=h;SharedAccessKeyName=p;SharedAccessKey=" + KEY_A);

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--etag or --force");
    }
}
