package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import com.microsoft.azure.sdk.iot.provisioning.device.internal.exceptions.ProvisioningDeviceHubException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.CertificateIssuer.Request;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;

/**
 * X.509 devices with the official Java provisioning-device-client 2.1.3 + security-provider 2.0.1 over HTTPS, then
 * the Java iot-device-client 2.5.0 on the assigned built-in hub over MQTT (8883, the only port it dials) with the
 * same certificate. The root CA is uploaded and verified by proof of possession through the admin API, as a user
 * would; refusals are checked with raw requests for their exact error, and in the hub, where nothing may appear.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class X509ProvisioningIT {
    private static final String API = "?api-version=2021-10-01";
    private static final Duration DAY = Duration.ofDays(1);
    private static final int REGISTER_TIMEOUT_SECONDS = 30;
    /** The Java device client takes an X.509 device only by connection string, whose host must have a dot. */
    private static final String HUB = "127.0.0.1";

    private TestServer server;
    private HubCalls hubs;
    private IssuedCertificate root;
    private IssuedCertificate intermediate;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.startWithBuiltInHubs(TestServer.local(dataDir).withExtraHubs(List.of(HUB))
                .withPorts(0, 8883));
        expect(server.sendAsOwner("DELETE", "/linkedHubs/localhost" + API, null), 204); // devices go to HUB only
        hubs = new HubCalls(server);
        root = CertificateIssuer.selfSigned(Request.ca("X509 IT Root", DAY));
        intermediate = CertificateIssuer.issue(Request.ca("X509 IT Intermediate", DAY), root);
        uploadAndProve("it-root", root);
        createGroup("by-ca-reference", "{\"caReferences\":{\"primary\":\"it-root\"}}", "enabled");
        createGroup("by-an-intermediate", "{\"signingCertificates\":{\"primary\":{\"certificate\":\""
                + pemJson(intermediate) + "\"}}}", "enabled");
    }

    @AfterAll
    void stop() throws Exception {
        if (hubs != null) {
            hubs.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void individual_enrollment_registers_and_the_device_connects_to_its_hub_with_the_same_certificate()
            throws Exception {
        IssuedCertificate self = CertificateIssuer.selfSigned(Request.leaf("x509-individual-1", DAY, List.of()));
        String body = "{\"registrationId\":\"x509-individual-1\",\"attestation\":{\"type\":\"x509\",\"x509\":"
                + "{\"clientCertificates\":{\"primary\":{\"certificate\":\"" + pemJson(self) + "\"}}}}}";
        expect(server.sendAsOwner("PUT", "/enrollments/x509-individual-1" + API, body), 200);
        X509Device device = new X509Device(self);

        ProvisioningDeviceClientRegistrationResult result = registerWithSdk(device);

        assertThat(result.getProvisioningDeviceClientStatus())
                .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        assertThat(result.getIothubUri()).isEqualTo(HUB);
        assertThat(result.getDeviceId()).isEqualTo("x509-individual-1");
        JsonNode state = registrationState("x509-individual-1");
        assertThat(state.path("x509").path("certificateInfo").path("sha256Thumbprint").asText())
                .isEqualTo(thumbprint("SHA-256", self));
        assertThat(state.path("x509").has("signingCertificateInfo")).isFalse();
        assertThat(hubDevice("x509-individual-1").path("authentication").path("x509Thumbprint")
                .path("primaryThumbprint").asText()).isEqualTo(thumbprint("SHA-1", self));
        connectToHubAndSend(device, "x509-individual-1");
    }

    @Test
    void group_member_under_a_verified_root_registers_through_its_ca_reference() throws Exception {
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("x509-root-member-1", DAY, List.of()), root);

        ProvisioningDeviceClientRegistrationResult result = registerWithSdk(new X509Device(leaf));

        assertThat(result.getProvisioningDeviceClientStatus())
                .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        JsonNode x509 = registrationState("x509-root-member-1").path("x509");
        assertThat(x509.path("enrollmentGroupId").asText()).isEqualTo("by-ca-reference");
        assertThat(x509.path("signingCertificateInfo").path("sha1Thumbprint").asText())
                .isEqualTo(thumbprint("SHA-1", root));
        assertThat(hubDevice("x509-root-member-1").path("deviceId").asText()).isEqualTo("x509-root-member-1");
    }

    @Test
    void group_member_sending_its_intermediate_registers_and_connects_to_its_hub() throws Exception {
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("x509-chain-member-1", DAY, List.of()),
                intermediate);
        X509Device device = new X509Device(leaf, List.of(intermediate.certificate()));

        ProvisioningDeviceClientRegistrationResult result = registerWithSdk(device);

        assertThat(result.getProvisioningDeviceClientStatus())
                .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        assertThat(result.getDeviceId()).isEqualTo("x509-chain-member-1");
        JsonNode x509 = registrationState("x509-chain-member-1").path("x509");
        assertThat(x509.path("enrollmentGroupId").asText()).isEqualTo("by-an-intermediate");
        assertThat(x509.path("certificateInfo").path("subjectName").asText()).isEqualTo("CN=x509-chain-member-1");
        connectToHubAndSend(device, "x509-chain-member-1");
    }

    @Test
    void group_member_reaches_the_root_only_through_the_intermediate_it_sends() throws Exception {
        IssuedCertificate unlisted = CertificateIssuer.issue(Request.ca("X509 IT Unlisted Intermediate", DAY), root);
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("x509-deep-member-1", DAY, List.of()),
                unlisted);

        assertRefused(new X509Device(leaf).register(server, "x509-deep-member-1"), "x509-deep-member-1");
        ProvisioningDeviceClientRegistrationResult result = registerWithSdk(
                new X509Device(leaf, List.of(unlisted.certificate())));

        assertThat(result.getProvisioningDeviceClientStatus())
                .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        assertThat(registrationState("x509-deep-member-1").path("x509").path("enrollmentGroupId").asText())
                .isEqualTo("by-ca-reference");
    }

    @Test
    void device_result_carries_every_certificate_info_field() throws Exception {
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("x509-raw-member-1", DAY, List.of()), root);

        HttpResponse<String> answer = new X509Device(leaf).register(server, "x509-raw-member-1");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode x509 = DeviceCalls.json(answer.body()).path("registrationState").path("x509");
        for (String info : List.of("certificateInfo", "signingCertificateInfo")) {
            for (String field : List.of("subjectName", "sha1Thumbprint", "sha256Thumbprint", "issuerName",
                    "notBeforeUtc", "notAfterUtc", "serialNumber", "version")) {
                assertThat(x509.path(info).path(field).isMissingNode()).as(info + "." + field).isFalse();
            }
        }
        assertThat(x509.path("enrollmentGroupId").asText()).isEqualTo("by-ca-reference");
        assertThat(x509.path("certificateInfo").path("issuerName").asText()).isEqualTo("CN=X509 IT Root");
    }

    @Test
    void expired_device_certificate_fails_in_the_java_client_and_reaches_no_hub() throws Exception {
        IssuedCertificate expired = CertificateIssuer.issue(Request.leaf("x509-expired-1", DAY, List.of())
                .withNotBefore(Instant.now().minus(Duration.ofDays(3))), root);
        X509Device device = new X509Device(expired);

        long started = System.nanoTime();
        assertThatThrownBy(() -> registerWithSdk(device)).rootCause()
                .isInstanceOf(ProvisioningDeviceHubException.class).hasMessageContaining("401002");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(15));
        assertRefused(device.register(server, "x509-expired-1"), "x509-expired-1");
    }

    @Test
    void device_under_an_unverified_ca_is_refused() throws Exception {
        IssuedCertificate stranger = CertificateIssuer.selfSigned(Request.ca("X509 IT Unverified", DAY));
        expect(server.sendAsOwner("PUT", "/certificates/it-unverified" + API, upload(stranger, false)), 200);
        createGroup("by-unverified-ca", "{\"caReferences\":{\"primary\":\"it-unverified\"}}", "enabled");
        createGroup("by-unverified-signer", "{\"signingCertificates\":{\"primary\":{\"certificate\":\""
                + pemJson(stranger) + "\"}}}", "enabled");
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("x509-unverified-1", DAY, List.of()), stranger);

        assertRefused(new X509Device(leaf).register(server, "x509-unverified-1"), "x509-unverified-1");
    }

    @Test
    void registration_id_other_than_the_certificate_cn_is_refused() throws Exception {
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("x509-cn-1", DAY, List.of()), root);

        assertRefused(new X509Device(leaf).register(server, "x509-someone-else"), "x509-someone-else");
        assertRefused(new X509Device(leaf).register(server, "x509-cn-1-other"), "x509-cn-1");
    }

    @Test
    void chain_through_an_issuer_that_is_not_a_ca_is_refused() throws Exception {
        IssuedCertificate notCa = CertificateIssuer.issue(Request.leaf("X509 IT Not A CA", DAY, List.of()), root);
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("x509-under-leaf-1", DAY, List.of()), notCa);

        assertRefused(new X509Device(leaf, List.of(notCa.certificate())).register(server, "x509-under-leaf-1"),
                "x509-under-leaf-1");
    }

    @Test
    void device_of_a_disabled_group_is_told_disabled_and_reaches_no_hub() throws Exception {
        IssuedCertificate ca = CertificateIssuer.selfSigned(Request.ca("X509 IT Disabled Group CA", DAY));
        expect(server.sendAsOwner("PUT", "/certificates/it-disabled-ca" + API, upload(ca, true)), 200);
        createGroup("a-disabled-group", "{\"caReferences\":{\"primary\":\"it-disabled-ca\"}}", "disabled");
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("x509-disabled-1", DAY, List.of()), ca);

        HttpResponse<String> answer = new X509Device(leaf).register(server, "x509-disabled-1");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode json = DeviceCalls.json(answer.body());
        assertThat(json.path("status").asText()).isEqualTo("disabled");
        assertThat(json.path("registrationState").path("errorCode").asInt()).isEqualTo(403001);
        assertThat(hubStatus("x509-disabled-1")).isEqualTo(404);
    }

    @Test
    void individual_enrollment_takes_its_secondary_certificate_and_is_disabled_when_disabled() throws Exception {
        IssuedCertificate primary = CertificateIssuer.selfSigned(Request.leaf("x509-secondary-1", DAY, List.of()));
        IssuedCertificate secondary = CertificateIssuer.selfSigned(Request.leaf("x509-secondary-1", DAY, List.of()));
        String path = "/enrollments/x509-secondary-1" + API;
        String body = "{\"registrationId\":\"x509-secondary-1\",\"provisioningStatus\":\"%s\",\"attestation\":"
                + "{\"type\":\"x509\",\"x509\":{\"clientCertificates\":{\"primary\":{\"certificate\":\""
                + pemJson(primary) + "\"},\"secondary\":{\"certificate\":\"" + pemJson(secondary) + "\"}}}}}";
        JsonNode enrollment = json(expect(server.sendAsOwner("PUT", path, body.formatted("disabled")), 200));

        HttpResponse<String> disabled = new X509Device(secondary).register(server, "x509-secondary-1");
        assertThat(DeviceCalls.json(disabled.body()).path("status").asText()).as(disabled.body())
                .isEqualTo("disabled");
        assertThat(hubStatus("x509-secondary-1")).isEqualTo(404);

        expect(server.sendAsOwner("PUT", path, body.formatted("enabled"), "If-Match",
                enrollment.path("etag").asText()), 200);
        ProvisioningDeviceClientRegistrationResult result = registerWithSdk(new X509Device(secondary));
        assertThat(result.getProvisioningDeviceClientStatus())
                .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        assertThat(hubDevice("x509-secondary-1").path("authentication").path("x509Thumbprint")
                .path("secondaryThumbprint").asText()).isEqualTo(thumbprint("SHA-256", secondary));
    }

    @Test
    void group_whose_signing_certificate_is_itself_a_verified_ca_takes_its_devices() throws Exception {
        IssuedCertificate ca = CertificateIssuer.selfSigned(Request.ca("X509 IT Vouched CA", DAY));
        expect(server.sendAsOwner("PUT", "/certificates/it-vouched" + API, upload(ca, true)), 200);
        createGroup("by-vouched-signer", "{\"signingCertificates\":{\"primary\":{\"certificate\":\""
                + pemJson(ca) + "\"}}}", "enabled");
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("x509-vouched-1", DAY, List.of()), ca);

        HttpResponse<String> answer = new X509Device(leaf).register(server, "x509-vouched-1");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(DeviceCalls.json(answer.body()).path("registrationState").path("x509").path("enrollmentGroupId")
                .asText()).isEqualTo("by-vouched-signer");
    }

    @Test
    void certificate_of_another_individual_enrollment_is_refused() throws Exception {
        IssuedCertificate enrolled = CertificateIssuer.selfSigned(Request.leaf("x509-twin-1", DAY, List.of()));
        IssuedCertificate impostor = CertificateIssuer.issue(Request.leaf("x509-twin-1", DAY, List.of()), root);
        String body = "{\"registrationId\":\"x509-twin-1\",\"attestation\":{\"type\":\"x509\",\"x509\":"
                + "{\"clientCertificates\":{\"primary\":{\"certificate\":\"" + pemJson(enrolled) + "\"}}}}}";
        expect(server.sendAsOwner("PUT", "/enrollments/x509-twin-1" + API, body), 200);

        // The individual enrollment wins over the group the impostor's CA would grant.
        assertRefused(new X509Device(impostor).register(server, "x509-twin-1"), "x509-twin-1");
    }

    /** Uploads the CA unverified, then proves possession of its key with a verification certificate. */
    private void uploadAndProve(String name, IssuedCertificate ca) throws Exception {
        JsonNode uploaded = json(expect(server.sendAsOwner("PUT", "/certificates/" + name + API, upload(ca, false)),
                200));
        assertThat(uploaded.path("properties").path("isVerified").asBoolean()).isFalse();
        JsonNode code = json(expect(server.sendAsOwner("POST", "/certificates/" + name + "/generateVerificationCode"
                + API, null, "If-Match", uploaded.path("etag").asText()), 200));
        String verificationCode = code.path("properties").path("verificationCode").asText();
        assertThat(verificationCode).isNotEmpty();
        IssuedCertificate proof = CertificateIssuer.issue(Request.leaf(verificationCode, DAY, List.of()), ca);
        JsonNode verified = json(expect(server.sendAsOwner("POST", "/certificates/" + name + "/verify" + API,
                "{\"certificate\":\"" + pemJson(proof) + "\"}", "If-Match", code.path("etag").asText()), 200));
        assertThat(verified.path("properties").path("isVerified").asBoolean()).isTrue();
    }

    private static String upload(IssuedCertificate ca, boolean verified) {
        return "{\"properties\":{\"certificate\":\"" + pemJson(ca) + "\",\"isVerified\":" + verified + "}}";
    }

    private void createGroup(String groupId, String x509, String status) throws Exception {
        String body = "{\"enrollmentGroupId\":\"" + groupId + "\",\"provisioningStatus\":\"" + status + "\","
                + "\"attestation\":{\"type\":\"x509\",\"x509\":" + x509 + "}}";
        expect(server.sendAsOwner("PUT", "/enrollmentGroups/" + groupId + API, body), 200);
    }

    private ProvisioningDeviceClientRegistrationResult registerWithSdk(X509Device device) throws Exception {
        ProvisioningDeviceClient client = ProvisioningDeviceClient.create("localhost:" + server.httpsPort(),
                server.info().idScope(), ProvisioningDeviceClientTransportProtocol.HTTPS,
                device.securityProvider(server.caCertificate()));
        try {
            return client.registerDeviceSync(REGISTER_TIMEOUT_SECONDS);
        } finally {
            client.close();
        }
    }

    /**
     * The device client's connection-string form with {@code x509=true}, the one that takes our SSL context with
     * the device's key.
     */
    private void connectToHubAndSend(X509Device device, String deviceId) throws Exception {
        DeviceClient client = new DeviceClient("HostName=" + HUB + ";DeviceId=" + deviceId + ";x509=true",
                IotHubClientProtocol.MQTT, ClientOptions.builder().sslContext(device.tls(server.caCertificate()))
                        .build());
        try {
            client.open(true);
            client.sendEvent(new Message("hello from " + deviceId));
        } finally {
            client.close();
        }
    }

    private void assertRefused(HttpResponse<String> answer, String deviceId) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(json(answer.body()).path("errorCode").asInt()).isEqualTo(401002);
        assertThat(hubStatus(deviceId)).isEqualTo(404);
        assertThat(server.sendAsOwner("GET", "/registrations/" + deviceId + API, null).statusCode()).isEqualTo(404);
    }

    private JsonNode registrationState(String registrationId) throws Exception {
        return json(expect(server.sendAsOwner("GET", "/registrations/" + registrationId + API, null), 200));
    }

    private JsonNode hubDevice(String deviceId) throws Exception {
        return json(expect(hubs.owner(HUB, "GET", "/devices/" + deviceId + "?api-version=2021-04-12", null), 200));
    }

    private int hubStatus(String deviceId) throws Exception {
        return hubs.owner(HUB, "GET", "/devices/" + deviceId + "?api-version=2021-04-12", null).statusCode();
    }

    private static String thumbprint(String algorithm, IssuedCertificate certificate) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(
                MessageDigest.getInstance(algorithm).digest(certificate.certificate().getEncoded()));
    }

    /** PEM with its line breaks escaped for a JSON string. */
    private static String pemJson(IssuedCertificate certificate) {
        return Pem.certificate(certificate.certificate()).replace("\n", "\\n");
    }

    private static JsonNode json(String text) throws Exception {
        return DeviceCalls.json(text);
    }

    private static String expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }
}
