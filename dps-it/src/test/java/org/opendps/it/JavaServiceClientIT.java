package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.provisioning.service.ProvisioningServiceClient;
import com.microsoft.azure.sdk.iot.provisioning.service.Query;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.AttestationMechanismType;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.BulkEnrollmentOperationResult;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.BulkOperationMode;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.EnrollmentGroup;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.IndividualEnrollment;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.ProvisioningStatus;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.QueryResult;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.QuerySpecificationBuilder;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.SymmetricKeyAttestation;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.TpmAttestation;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.TwinCollection;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.TwinState;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.X509Attestation;
import com.microsoft.azure.sdk.iot.provisioning.service.exceptions.ProvisioningServiceClientBadUsageException;
import com.microsoft.azure.sdk.iot.provisioning.service.exceptions.ProvisioningServiceClientNotFoundException;
import com.microsoft.azure.sdk.iot.provisioning.service.exceptions.ProvisioningServiceClientPreconditionFailedException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.testsupport.net.ProxiedJvm;

/**
 * The official Java provisioning service client 2.0.3, unmodified, drives a real OpenDPS over TLS. It always dials
 * port 443, so the JVM reaches the server through a local CONNECT proxy (see {@link ProxiedJvm}).
 */
class JavaServiceClientIT {
    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static ProxiedJvm jvm;
    private static ProvisioningServiceClient client;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        jvm = new ProxiedJvm(server.httpsPort(), server.caCertificate());
        client = ProvisioningServiceClient.createFromConnectionString(server.info().serviceConnectionString());
    }

    @AfterAll
    static void stop() throws Exception {
        jvm.close();
        server.close();
    }

    @Test
    void symmetric_key_enrollment_gets_generated_keys_that_only_attestationmechanism_returns() throws Exception {
        IndividualEnrollment created = client.createOrUpdateIndividualEnrollment(
                new IndividualEnrollment("sym-device-1", new SymmetricKeyAttestation("", "")));

        assertThat(created.getRegistrationId()).isEqualTo("sym-device-1");
        assertThat(created.getEtag()).startsWith("\"").endsWith("\"");
        assertThat(created.getProvisioningStatus()).isEqualTo(ProvisioningStatus.ENABLED);
        var mechanism = client.getIndividualEnrollmentAttestationMechanism("sym-device-1");
        assertThat(mechanism.getType()).isEqualTo(AttestationMechanismType.SYMMETRIC_KEY);
        SymmetricKeyAttestation keys = (SymmetricKeyAttestation) mechanism.getAttestation();
        assertThat(Base64.getDecoder().decode(keys.getPrimaryKey())).hasSize(64);
        assertThat(keys.getSecondaryKey()).isNotEqualTo(keys.getPrimaryKey());

        String raw = server.sendAsOwner("GET", "/enrollments/sym-device-1?api-version=2021-10-01", null).body();
        assertThat(raw).doesNotContain(keys.getPrimaryKey()).doesNotContain(keys.getSecondaryKey());
    }

    @Test
    void tpm_enrollment_round_trips_its_keys_and_settings() throws Exception {
        String ek = randomBase64(300);
        String srk = randomBase64(280);
        IndividualEnrollment enrollment = new IndividualEnrollment("tpm-device-1", new TpmAttestation(ek, srk));
        enrollment.setDeviceId("tpm-device-one");
        TwinCollection desired = new TwinCollection(Map.of("telemetryInterval", 30));
        enrollment.setInitialTwin(new TwinState(new TwinCollection(Map.of("site", "berlin")), desired));

        client.createOrUpdateIndividualEnrollment(enrollment);
        IndividualEnrollment read = client.getIndividualEnrollment("tpm-device-1");

        assertThat(read.getDeviceId()).isEqualTo("tpm-device-one");
        TpmAttestation tpm = (TpmAttestation) read.getAttestation();
        assertThat(tpm.getEndorsementKey()).isEqualTo(ek);
        assertThat(tpm.getStorageRootKey()).isEqualTo(srk);
        assertThat(read.getInitialTwin().getTags().get("site")).isEqualTo("berlin");
        assertThat(((Number) read.getInitialTwin().getDesiredProperties().get("telemetryInterval")).intValue())
                .isEqualTo(30);
        assertThat(read.getCreatedDateTimeUtc()).isNotNull();
    }

    @Test
    void x509_enrollment_reports_the_parsed_certificate_info() throws Exception {
        IssuedCertificate root = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Test root", Duration.ofDays(30)));
        IssuedCertificate leaf = CertificateIssuer.issue(
                CertificateIssuer.Request.leaf("x509-device-1", Duration.ofDays(30), List.of()), root);

        client.createOrUpdateIndividualEnrollment(new IndividualEnrollment("x509-device-1",
                X509Attestation.createFromClientCertificates(Pem.certificate(leaf.certificate()))));
        IndividualEnrollment read = client.getIndividualEnrollment("x509-device-1");

        X509Attestation x509 = (X509Attestation) read.getAttestation();
        assertThat(x509.getPrimaryX509CertificateInfo().getSubjectName()).contains("x509-device-1");
        assertThat(x509.getPrimaryX509CertificateInfo().getIssuerName()).contains("Test root");
        assertThat(x509.getPrimaryX509CertificateInfo().getSha256Thumbprint()).matches("[0-9A-F]{64}");
    }

    @Test
    void symmetric_key_and_x509_groups_are_created_and_read() throws Exception {
        client.createOrUpdateEnrollmentGroup(new EnrollmentGroup("sym-group", new SymmetricKeyAttestation("", "")));
        IssuedCertificate root = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Group root", Duration.ofDays(30)));
        client.createOrUpdateEnrollmentGroup(new EnrollmentGroup("x509-group",
                X509Attestation.createFromRootCertificates(Pem.certificate(root.certificate()))));

        var groupKeys = (SymmetricKeyAttestation) client.getEnrollmentGroupAttestationMechanism("sym-group")
                .getAttestation();
        assertThat(groupKeys.getPrimaryKey()).isNotEmpty();
        X509Attestation x509 = (X509Attestation) client.getEnrollmentGroup("x509-group").getAttestation();
        assertThat(x509.getRootCertificates()).isNotNull();
        assertThat(x509.getPrimaryX509CertificateInfo().getSubjectName()).contains("Group root");

        client.deleteEnrollmentGroup("sym-group");
        assertThatThrownBy(() -> client.getEnrollmentGroup("sym-group"))
                .isInstanceOf(ProvisioningServiceClientNotFoundException.class);
    }

    @Test
    void update_with_current_etag_succeeds_and_a_stale_etag_fails_with_412() throws Exception {
        IndividualEnrollment first = client.createOrUpdateIndividualEnrollment(
                new IndividualEnrollment("etag-device", new SymmetricKeyAttestation("", "")));
        String keyBefore = ((SymmetricKeyAttestation) client.getIndividualEnrollmentAttestationMechanism("etag-device")
                .getAttestation()).getPrimaryKey();

        IndividualEnrollment current = client.getIndividualEnrollment("etag-device");
        current.setProvisioningStatus(ProvisioningStatus.DISABLED);
        IndividualEnrollment updated = client.createOrUpdateIndividualEnrollment(current);

        assertThat(updated.getProvisioningStatus()).isEqualTo(ProvisioningStatus.DISABLED);
        assertThat(updated.getEtag()).isNotEqualTo(first.getEtag());
        String keyAfter = ((SymmetricKeyAttestation) client.getIndividualEnrollmentAttestationMechanism("etag-device")
                .getAttestation()).getPrimaryKey();
        assertThat(keyAfter).as("an update that sends no keys keeps them").isEqualTo(keyBefore);
        assertThatThrownBy(() -> client.createOrUpdateIndividualEnrollment(first))
                .isInstanceOf(ProvisioningServiceClientPreconditionFailedException.class);
    }

    @Test
    void create_of_an_existing_id_without_etag_conflicts() throws Exception {
        client.createOrUpdateIndividualEnrollment(
                new IndividualEnrollment("conflict-device", new SymmetricKeyAttestation("", "")));
        assertThatThrownBy(() -> client.createOrUpdateIndividualEnrollment(
                new IndividualEnrollment("conflict-device", new SymmetricKeyAttestation("", ""))))
                .isInstanceOf(ProvisioningServiceClientBadUsageException.class)
                .hasMessageContaining("409201");
    }

    @Test
    void query_of_25_enrollments_at_page_size_10_takes_three_pages_and_sees_all() throws Exception {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 25; i++) {
            String id = String.format("page-device-%02d", i);
            expected.add(id);
            IndividualEnrollment enrollment = new IndividualEnrollment(id, new SymmetricKeyAttestation("", ""));
            enrollment.setIotHubHostName("paging.example.com"); // sets these 25 apart from other tests' enrollments
            client.createOrUpdateIndividualEnrollment(enrollment);
        }
        Query query = client.createIndividualEnrollmentQuery(new QuerySpecificationBuilder("*",
                QuerySpecificationBuilder.FromType.ENROLLMENTS).where("iotHubHostName = 'paging.example.com'")
                .createSqlQuery(), 10);

        Set<String> seen = new HashSet<>();
        int pages = 0;
        while (query.hasNext()) {
            QueryResult page = query.next();
            pages++;
            for (Object item : page.getItems()) {
                assertThat(seen.add(((IndividualEnrollment) item).getRegistrationId())).as("seen once").isTrue();
            }
            assertThat(pages).as("pages").isLessThanOrEqualTo(3);
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void bulk_create_then_bulk_delete() throws Exception {
        List<IndividualEnrollment> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(new IndividualEnrollment("bulk-device-" + i, new SymmetricKeyAttestation("", "")));
        }

        BulkEnrollmentOperationResult created = client.runBulkEnrollmentOperation(BulkOperationMode.CREATE, batch);
        assertThat(created.getSuccessful()).isTrue();
        assertThat(created.getErrors()).isEmpty();
        assertThat(client.getIndividualEnrollment("bulk-device-3").getRegistrationId()).isEqualTo("bulk-device-3");

        BulkEnrollmentOperationResult again = client.runBulkEnrollmentOperation(BulkOperationMode.CREATE, batch);
        assertThat(again.getSuccessful()).isFalse();
        assertThat(again.getErrors()).hasSize(5).allSatisfy(e -> assertThat(e.getErrorCode()).isEqualTo(409201));

        BulkEnrollmentOperationResult deleted = client.runBulkEnrollmentOperation(BulkOperationMode.DELETE, batch);
        assertThat(deleted.getSuccessful()).isTrue();
        assertThatThrownBy(() -> client.getIndividualEnrollment("bulk-device-3"))
                .isInstanceOf(ProvisioningServiceClientNotFoundException.class);
    }

    @Test
    void delete_removes_the_enrollment_and_unknown_registrations_are_not_found() throws Exception {
        client.createOrUpdateIndividualEnrollment(
                new IndividualEnrollment("doomed-device", new SymmetricKeyAttestation("", "")));
        client.deleteIndividualEnrollment("doomed-device");

        assertThatThrownBy(() -> client.getIndividualEnrollment("doomed-device"))
                .isInstanceOf(ProvisioningServiceClientNotFoundException.class);
        assertThatThrownBy(() -> client.getDeviceRegistrationState("never-registered"))
                .isInstanceOf(ProvisioningServiceClientNotFoundException.class);
    }

    private static String randomBase64(int bytes) {
        byte[] data = new byte[bytes];
        new SecureRandom().nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }
}
