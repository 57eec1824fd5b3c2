package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.CertificateIssuer.Request;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.core.provisioning.ProvisioningService;

/**
 * An X.509 device whose every first answer is 202 {@code assigning}: the Java client polls over new connections,
 * which resume the TLS session, and each poll must still carry the device's certificate chain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class X509PollingIT {
    private static final String API = "?api-version=2021-10-01";
    private static final String HUB = "x509-polling.azure-devices.net";
    private static final Duration DAY = Duration.ofDays(1);

    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        ProvisioningService.Settings defaults = ProvisioningService.Settings.DEFAULTS;
        server = TestServer.withHubs(new ProvisioningService.Settings(Duration.ZERO, defaults.retryAfterSeconds(),
                defaults.sasClockSkew(), defaults.assignmentThreads()), dataDir, HUB);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void group_member_is_assigned_after_polling_with_its_certificate() throws Exception {
        IssuedCertificate root = CertificateIssuer.selfSigned(Request.ca("Polling Root", DAY));
        IssuedCertificate intermediate = CertificateIssuer.issue(Request.ca("Polling Intermediate", DAY), root);
        String pem = Pem.certificate(root.certificate()).replace("\n", "\\n");
        expect(server.sendAsOwner("PUT", "/certificates/polling-root" + API,
                "{\"properties\":{\"certificate\":\"" + pem + "\",\"isVerified\":true}}"), 200);
        expect(server.sendAsOwner("PUT", "/enrollmentGroups/polling" + API, "{\"enrollmentGroupId\":\"polling\","
                + "\"attestation\":{\"type\":\"x509\",\"x509\":{\"caReferences\":{\"primary\":\"polling-root\"}}}}"),
                200);
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("x509-poller-1", DAY, List.of()), intermediate);
        X509Device device = new X509Device(leaf, List.of(intermediate.certificate()));

        ProvisioningDeviceClient client = ProvisioningDeviceClient.create("localhost:" + server.httpsPort(),
                server.info().idScope(), ProvisioningDeviceClientTransportProtocol.HTTPS,
                device.securityProvider(server.caCertificate()));
        ProvisioningDeviceClientRegistrationResult result;
        try {
            result = client.registerDeviceSync(30);
        } finally {
            client.close();
        }

        assertThat(result.getProvisioningDeviceClientStatus())
                .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        assertThat(result.getIothubUri()).isEqualTo(HUB);
        assertThat(result.getDeviceId()).isEqualTo("x509-poller-1");
    }

    @Test
    void a_resumed_tls_session_still_carries_the_device_chain() throws Exception {
        IssuedCertificate self = CertificateIssuer.selfSigned(Request.leaf("x509-resumer-1", DAY, List.of()));
        String pem = Pem.certificate(self.certificate()).replace("\n", "\\n");
        expect(server.sendAsOwner("PUT", "/enrollments/x509-resumer-1" + API, "{\"registrationId\":\"x509-resumer-1\","
                + "\"attestation\":{\"type\":\"x509\",\"x509\":{\"clientCertificates\":{\"primary\":"
                + "{\"certificate\":\"" + pem + "\"}}}}}"), 200);
        SSLContext tls = new X509Device(self).tls(server.caCertificate());

        HttpResponse<String> first = X509Device.register(server, "x509-resumer-1", tls);
        HttpResponse<String> second = X509Device.register(server, "x509-resumer-1", tls);

        assertThat(first.statusCode()).as(first.body()).isIn(200, 202);
        assertThat(second.statusCode()).as(second.body()).isIn(200, 202);
        assertThat(second.sslSession().orElseThrow().getId()).as("the second connection resumed the session")
                .isEqualTo(first.sslSession().orElseThrow().getId());
    }

    private static void expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    }
}
