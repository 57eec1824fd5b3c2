package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.Pem;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.testsupport.store.Concurrently;
import org.opendps.wire.ConnectionInfo;

/**
 * Issue #9, several nodes on one PostgreSQL: two {@code opendps serve} processes, started at once on a new database,
 * are one instance; a device may poll another node than it registered on; one registration ID registered 100 times
 * at once over both nodes is one identity; a node killed under load leaves its devices to the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {
    private static final String DPS_API = "?api-version=2021-10-01";
    private static final String DEVICE_API = "?api-version=2019-03-31";
    private static final int SAME_DEVICE_REGISTRATIONS = 100;

    @TempDir
    static Path temp;

    private static PostgresDatabase database;
    private static ServeCluster cluster;
    private static String groupKey;

    @BeforeAll
    static void start() throws Exception {
        database = PostgresDatabase.create("cluster");
        // The per-device limit is per node (see docs/scale-out.md); 100 registrations of one ID need more than 120.
        cluster = ServeCluster.start(temp, 2, database.url(), "--registrations-per-device-per-minute", "1000");
        groupKey = SharedAccessSignatures.generateKey();
        HttpResponse<String> group = a().client().send("PUT", "/enrollmentGroups/fleet" + DPS_API,
                "{\"enrollmentGroupId\":\"fleet\",\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":"
                        + "{\"primaryKey\":\"" + groupKey + "\",\"secondaryKey\":\"" + groupKey + "\"}}}");
        assertThat(group.statusCode()).as(group.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void nodes_started_together_on_a_new_database_are_one_instance() throws Exception {
        ConnectionInfo a = a().info();
        ConnectionInfo b = b().info();

        assertThat(b.idScope()).isEqualTo(a.idScope());
        assertThat(b.serviceConnectionString()).isEqualTo(a.serviceConnectionString());
        assertThat(b.hubs()).isEqualTo(a.hubs());
        assertThat(Files.readString(Path.of(b.caCertificate()))).as("one CA")
                .isEqualTo(Files.readString(Path.of(a.caCertificate())));
        HttpResponse<String> group = b().client().send("GET", "/enrollmentGroups/fleet" + DPS_API, null);
        assertThat(group.statusCode()).as("made on A, read on B: %s", group.body()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void a_device_registers_on_one_node_and_polls_the_other() throws Exception {
        try (WebhookServer slow = new WebhookServer(Duration.ofSeconds(3))) {
            slow.thenAnswer(200, "{\"iotHubHostName\":\"localhost\"}");
            String key = SharedAccessSignatures.generateKey();
            HttpResponse<String> enrollment = a().client().send("PUT", "/enrollments/cross-node" + DPS_API,
                    "{\"registrationId\":\"cross-node\",\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":"
                            + "{\"primaryKey\":\"" + key + "\",\"secondaryKey\":\"" + key + "\"}},"
                            + "\"allocationPolicy\":\"custom\",\"customAllocationDefinition\":{\"webhookUrl\":\""
                            + slow.url() + "\",\"apiVersion\":\"2021-10-01\"}}");
            assertThat(enrollment.statusCode()).as(enrollment.body()).isEqualTo(200);
            String token = DeviceCalls.token(a().info().idScope() + "/registrations/cross-node", key,
                    Instant.now().plusSeconds(3600));
            String path = "/" + a().info().idScope() + "/registrations/cross-node";

            HttpResponse<String> registered = a().client().sendWith(token, "PUT", path + "/register" + DEVICE_API,
                    "{\"registrationId\":\"cross-node\"}");
            assertThat(registered.statusCode()).as("the webhook is slow: %s", registered.body()).isEqualTo(202);
            String operation = DeviceCalls.json(registered.body()).path("operationId").asText();
            JsonNode polled = DeviceCalls.json(registered.body());
            for (int poll = 0; poll < 30 && !polled.path("status").asText().equals("assigned"); poll++) {
                Thread.sleep(500);
                HttpResponse<String> answer = b().client().sendWith(token, "GET",
                        path + "/operations/" + operation + DEVICE_API, null);
                assertThat(answer.statusCode()).as(answer.body()).isIn(200, 202);
                polled = DeviceCalls.json(answer.body());
            }

            assertThat(polled.path("status").asText()).isEqualTo("assigned");
            assertThat(polled.path("registrationState").path("assignedHub").asText()).isEqualTo("localhost");
        }
    }

    @Test
    @Order(3)
    void one_registration_id_registered_100_times_at_once_over_both_nodes_is_one_identity() throws Exception {
        try (DeviceFleet devices = DeviceFleet.start(ports(), ca(), a().info().idScope(), groupKey, "unused-", 0)) {
            AtomicInteger next = new AtomicInteger();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            List<DeviceFleet.Assigned> told = Concurrently.run(SAME_DEVICE_REGISTRATIONS,
                    () -> devices.registerUntilAssigned("twin-device", next.getAndIncrement(), deadline));

            assertThat(told).doesNotContainNull().containsOnly(told.get(0));
            assertNoServerErrors(devices);
            for (ServeProcess node : cluster.nodes()) {
                JsonNode state = DeviceCalls.json(node.client().send("GET", "/registrations/twin-device" + DPS_API,
                        null).body());
                assertThat(state.path("deviceId").asText()).isEqualTo(told.get(0).deviceId());
                HttpResponse<String> identities = node.client().sendToHub(told.get(0).hub(), "POST",
                        "/devices/query?api-version=2021-04-12",
                        "{\"query\":\"SELECT * FROM devices WHERE deviceId = 'twin-device'\"}");
                assertThat(DeviceCalls.json(identities.body())).as(identities.body()).hasSize(1);
            }
        }
    }

    @Test
    @Order(4)
    void a_node_killed_under_load_leaves_its_devices_to_the_other() throws Exception {
        try (DeviceFleet fleet = DeviceFleet.start(ports(), ca(), a().info().idScope(), groupKey, "spread-", 8)) {
            fleet.awaitAssignments(8, Duration.ofSeconds(30));
            a().kill();
            fleet.awaitAssignments(8, Duration.ofSeconds(30));

            assertThat(fleet.finish(Duration.ofSeconds(60))).as("every device ended").isTrue();
            assertNoServerErrors(fleet);
            RegistrationAudit.assertNothingLost(b().client(), fleet);
            assertThat(fleet.assigned()).hasSizeGreaterThanOrEqualTo(16);
        }
    }

    /** Conflicts between nodes and a node's death are the service's business: no device is ever answered 5xx. */
    private static void assertNoServerErrors(DeviceFleet devices) {
        assertThat(devices.serverErrors()).as("answers of 500 or more; the nodes logged:%n%s",
                String.join("\n", cluster.nodes().stream().flatMap(node -> node.errors().stream()).toList()))
                .isEmpty();
    }

    private static ServeProcess a() {
        return cluster.node(0);
    }

    private static ServeProcess b() {
        return cluster.node(1);
    }

    private static List<Integer> ports() {
        return cluster.nodes().stream().map(ServeProcess::httpsPort).toList();
    }

    private static X509Certificate ca() throws Exception {
        return Pem.readCertificates(Files.readString(Path.of(a().info().caCertificate()))).get(0);
    }
}
