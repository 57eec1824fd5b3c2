package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.CertificateIssuer.Request;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;

/**
 * The official npm DPS device client ({@code azure-iot-provisioning-device} 1.9.1 with the HTTP transport and
 * {@code azure-iot-security-x509}), unmodified, registers an X.509 group member that sends its intermediate, over
 * TLS 1.3 (Node's default), and is refused with an expired certificate: see
 * {@code src/test/node/device-x509/device-x509.js}. Skipped without Node.js, as {@link NodeServiceClientIT}.
 */
class NodeX509DeviceIT {
    private static final String API = "?api-version=2021-10-01";
    private static final String HUB = "node-x509.azure-devices.net";
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    Path dataDir;

    @TempDir
    Path files;

    @Test
    void npm_device_client_registers_an_x509_group_member_and_is_refused_when_expired() throws Exception {
        NodeProject project = NodeProject.installed("device-x509", "azure-iot-security-x509");
        IssuedCertificate root = CertificateIssuer.selfSigned(Request.ca("Node Root", DAY));
        IssuedCertificate intermediate = CertificateIssuer.issue(Request.ca("Node Intermediate", DAY), root);
        IssuedCertificate device = CertificateIssuer.issue(Request.leaf("node-x509-1", DAY, List.of()), intermediate);
        IssuedCertificate expired = CertificateIssuer.issue(Request.leaf("node-x509-expired", DAY, List.of())
                .withNotBefore(Instant.now().minus(Duration.ofDays(3))), intermediate);

        try (TestServer server = TestServer.withHubs(dataDir, HUB)) {
            String pem = Pem.certificate(root.certificate()).replace("\n", "\\n");
            expect(server.sendAsOwner("PUT", "/certificates/node-root" + API,
                    "{\"properties\":{\"certificate\":\"" + pem + "\",\"isVerified\":true}}"), 200);
            expect(server.sendAsOwner("PUT", "/enrollmentGroups/node-x509" + API, "{\"enrollmentGroupId\":"
                    + "\"node-x509\",\"attestation\":{\"type\":\"x509\",\"x509\":{\"caReferences\":{\"primary\":"
                    + "\"node-root\"}}}}"), 200);

            ProcessBuilder node = project.node("device-x509.js");
            node.environment().put("OPENDPS_PORT", String.valueOf(server.httpsPort()));
            node.environment().put("OPENDPS_CA", server.info().caCertificate());
            node.environment().put("OPENDPS_ID_SCOPE", server.info().idScope());
            files("DEVICE", "node-x509-1", device, intermediate, node);
            files("EXPIRED", "node-x509-expired", expired, intermediate, node);
            NodeProject.Result result = NodeProject.run(node, 120);

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            JsonNode findings = DeviceCalls.json(result.stdout().strip());
            assertThat(findings.path("assignedHub").asText()).isEqualTo(HUB);
            assertThat(findings.path("deviceId").asText()).isEqualTo("node-x509-1");
            assertThat(findings.path("x509").path("enrollmentGroupId").asText()).isEqualTo("node-x509");
            assertThat(findings.path("expired").asText()).isEqualTo("UnauthorizedError");
        }
    }

    /** The device's chain (its certificate, then the intermediate) and key, as files the script reads. */
    private void files(String prefix, String id, IssuedCertificate device, IssuedCertificate intermediate,
            ProcessBuilder node) throws Exception {
        Path chain = Files.writeString(files.resolve(id + ".pem"),
                Pem.certificates(List.of(device.certificate(), intermediate.certificate())));
        Path key = Files.writeString(files.resolve(id + ".key"), Pem.privateKey(device.privateKey()));
        node.environment().put(prefix + "_ID", id);
        node.environment().put(prefix + "_CERT", chain.toString());
        node.environment().put(prefix + "_KEY", key.toString());
    }

    private static void expect(java.net.http.HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }
}
