package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official npm DPS service client ({@code azure-iot-provisioning-service} 1.11.2), unmodified, drives a real
 * OpenDPS: see {@code src/test/node/service-client/service-client.js}. Skipped without Node.js unless
 * {@code DPS_TEST_NODE=required} ({@link NodeProject}).
 */
class NodeServiceClientIT {
    @TempDir
    Path dataDir;

    @Test
    void npm_service_client_manages_enrollments_groups_queries_and_bulk() throws Exception {
        NodeProject project = NodeProject.installed("service-client", "azure-iot-provisioning-service");
        try (TestServer server = TestServer.start(dataDir)) {
            ProcessBuilder node = project.node("service-client.js");
            node.environment().put("OPENDPS_PORT", String.valueOf(server.httpsPort()));
            node.environment().put("OPENDPS_CA", server.info().caCertificate());
            node.environment().put("OPENDPS_CONNECTION_STRING", server.info().serviceConnectionString());
            NodeProject.Result result = NodeProject.run(node, 120);

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).contains("\"ok\":true").contains("\"staleEtag\":\"InvalidEtagError\"")
                    .contains("\"conflict\":\"DeviceAlreadyExistsError\"");
        }
    }
}
