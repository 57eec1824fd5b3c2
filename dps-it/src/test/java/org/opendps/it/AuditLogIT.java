package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.sdk.iot.provisioning.service.ProvisioningServiceClient;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.EnrollmentGroup;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.IndividualEnrollment;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.ProvisioningStatus;
import com.microsoft.azure.sdk.iot.provisioning.service.configs.SymmetricKeyAttestation;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.testsupport.net.ProxiedJvm;

/**
 * Changes made through the official Java service client 2.0.3 are in the audit log, with the policy that made
 * them, and an admin reads them back through {@code opendps audit list}; the log holds no key.
 */
class AuditLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static ProxiedJvm jvm;
    private static ProvisioningServiceClient owner;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        jvm = new ProxiedJvm(server.httpsPort(), server.caCertificate());
        owner = ProvisioningServiceClient.createFromConnectionString(server.info().serviceConnectionString());
    }

    @AfterAll
    static void stop() throws Exception {
        jvm.close();
        server.close();
    }

    @Test
    void every_change_through_the_java_service_client_is_read_back_with_who_what_when_and_outcome()
            throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        IndividualEnrollment created = owner.createOrUpdateIndividualEnrollment(
                new IndividualEnrollment("audited-1", new SymmetricKeyAttestation("", "")));
        created.setProvisioningStatus(ProvisioningStatus.DISABLED);
        owner.createOrUpdateIndividualEnrollment(created);
        owner.createOrUpdateEnrollmentGroup(new EnrollmentGroup("audited-group", new SymmetricKeyAttestation("", "")));
        owner.getIndividualEnrollment("audited-1"); // a read: not in the log
        HttpResponse<String> reader = server.sendAsOwner("PUT", "/policies/auditreader?api-version=2021-10-01",
                "{\"keyName\":\"auditreader\",\"rights\":\"EnrollmentRead\"}");
        String readerKey = JSON.readTree(reader.body()).get("primaryKey").asText();
        ProvisioningServiceClient readOnly = ProvisioningServiceClient.createFromConnectionString(
                "HostName=localhost;SharedAccessKeyName=auditreader;SharedAccessKey=" + readerKey);
        assertThatThrownBy(() -> readOnly.deleteIndividualEnrollment("audited-1"));
        owner.deleteIndividualEnrollment("audited-1");

        CliIT.Result listed = CliIT.ok(CliIT.run("audit", "list", "--output", "json", "--connection-info",
                dataDir.resolve("connection-info.json").toString()));

        List<JsonNode> entries = new ArrayList<>();
        // The other test's changes share this server; this one's resources all name "audit".
        JSON.readTree(listed.out()).get("value").forEach(entry -> {
            if (entry.get("resource").asText().contains("audit")) {
                entries.add(entry);
            }
        });
        assertThat(entries).extracting(e -> e.get("actor").asText() + " " + e.get("operation").asText() + " "
                + e.get("resource").asText().replaceAll("\\?.*", "") + " " + e.get("status").asInt())
                .containsExactly(
                        "provisioningserviceowner DELETE /enrollments/{id} /enrollments/audited-1 204",
                        "auditreader DELETE /enrollments/{id} /enrollments/audited-1 401",
                        "provisioningserviceowner PUT /policies/{name} /policies/auditreader 200",
                        "provisioningserviceowner PUT /enrollmentGroups/{id} /enrollmentGroups/audited-group 200",
                        "provisioningserviceowner PUT /enrollments/{id} /enrollments/audited-1 200",
                        "provisioningserviceowner PUT /enrollments/{id} /enrollments/audited-1 200");
        assertThat(entries.get(1).get("errorCode").asInt()).isEqualTo(401004);
        for (JsonNode entry : entries) {
            assertThat(Instant.parse(entry.get("time").asText())).isBetween(before, Instant.now());
        }
        assertThat(listed.out()).doesNotContain(readerKey).doesNotContain(server.owner().key());
    }

    @Test
    void only_a_policy_with_service_config_reads_the_log() throws Exception {
        HttpResponse<String> reader = server.sendAsOwner("PUT", "/policies/enrollmentonly?api-version=2021-10-01",
                "{\"keyName\":\"enrollmentonly\",\"rights\":\"EnrollmentRead, EnrollmentWrite\"}");
        String key = JSON.readTree(reader.body()).get("primaryKey").asText();

        HttpResponse<String> refused = server.send("GET", "/auditLog?api-version=2021-10-01", null,
                server.token("enrollmentonly", key, Instant.now().plusSeconds(60)));
        HttpResponse<String> anonymous = server.send("GET", "/auditLog?api-version=2021-10-01", null, null);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("401004");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
