package org.opendps.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.provisioning.device.AdditionalData;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientSubstatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import com.microsoft.azure.sdk.iot.provisioning.device.internal.exceptions.ProvisioningDeviceClientException;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProvider;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderSymmetricKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.opendps.app.ServeConfig;
import org.opendps.core.provisioning.ProvisioningService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Java device client 2.1.3 with security-provider 2.0.1, unmodified, registers symmetric-key devices
 * with OpenDPS over HTTPS (subclasses: MQTT, MQTT over WebSocket). The client has no TLS option of its own; the
 * security provider's SSL context is the one place to trust our CA (protocol/dps-device.md §7), and it must speak
 * TLS 1.2, the only version the client offers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JavaDeviceClientIT {
    private static final String API = "?api-version=2021-10-01";
    private static final String HUB = "java-devices.azure-devices.net";
    private static final int REGISTER_TIMEOUT_SECONDS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestServer server;
    private SSLContext tls12;

    /** Registration settings of the server under test; null for the defaults. */
    ProvisioningService.Settings settings() {
        return null;
    }

    ProvisioningDeviceClientTransportProtocol protocol() {
        return ProvisioningDeviceClientTransportProtocol.HTTPS;
    }

    /** The server's ports: any for HTTPS, which the client accepts in its endpoint; the others are fixed. */
    ServeConfig config(Path dataDir) {
        return TestServer.local(dataDir);
    }

    TestServer server() {
        return server;
    }

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.withHubs(config(dataDir), settings(), HUB);
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("opendps-ca", server.caCertificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        tls12 = SSLContext.getInstance("TLSv1.2");
        tls12.init(null, trust.getTrustManagers(), null);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void individual_enrollment_registers_with_its_primary_key() throws Exception {
        String primary = randomKey();
        createEnrollment("java-primary-1", primary, randomKey(), "enabled");

        ProvisioningDeviceClientRegistrationResult result = registerSync("java-primary-1", primary);

        assertAssigned(result, "java-primary-1");
    }

    @Test
    void individual_enrollment_registers_with_its_secondary_key() throws Exception {
        String secondary = randomKey();
        createEnrollment("java-secondary-1", randomKey(), secondary, "enabled");

        ProvisioningDeviceClientRegistrationResult result = registerSync("java-secondary-1", secondary);

        assertAssigned(result, "java-secondary-1");
    }

    @Test
    void group_device_registers_with_the_key_derived_from_the_group_key() throws Exception {
        String groupKey = randomKey();
        String group = "{\"enrollmentGroupId\":\"java-group\",\"attestation\":{\"type\":\"symmetricKey\","
                + "\"symmetricKey\":{\"primaryKey\":\"" + groupKey + "\",\"secondaryKey\":\"" + randomKey() + "\"}}}";
        expect(server.sendAsOwner("PUT", "/enrollmentGroups/java-group" + API, group), 200);
        String deviceKey = new String(SecurityProviderSymmetricKey.ComputeDerivedSymmetricKey(
                groupKey.getBytes(UTF_8), "java-group-device-7"), UTF_8);

        ProvisioningDeviceClientRegistrationResult result = registerSync("java-group-device-7", deviceKey);

        assertAssigned(result, "java-group-device-7");
        String groupStates = expect(server.sendAsOwner("POST", "/registrations/java-group/query" + API, "{}"), 200);
        assertThat(groupStates).contains("\"registrationId\":\"java-group-device-7\"");
    }

    @Test
    void wrong_key_fails_the_registration_and_leaves_no_registration_state() throws Exception {
        createEnrollment("java-wrong-key", randomKey(), randomKey(), "enabled");

        assertThatThrownBy(() -> registerSync("java-wrong-key", randomKey()))
                .isInstanceOf(ProvisioningDeviceClientException.class)
                .hasStackTraceContaining("401");

        expect(server.sendAsOwner("GET", "/registrations/java-wrong-key" + API, null), 404);
        assertThat(server.hubs().devices(HUB)).doesNotContain("java-wrong-key");
    }

    @Test
    void disabled_enrollment_ends_with_status_disabled() throws Exception {
        String primary = randomKey();
        createEnrollment("java-disabled-1", primary, randomKey(), "disabled");

        Outcome outcome = register("java-disabled-1", primary);

        assertThat(outcome.result().getProvisioningDeviceClientStatus())
                .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_DISABLED);
        assertThat(outcome.error()).isInstanceOf(ProvisioningDeviceClientException.class);
        String state = expect(server.sendAsOwner("GET", "/registrations/java-disabled-1" + API, null), 200);
        assertThat(state).contains("\"status\":\"disabled\"");
        assertThat(server.hubs().devices(HUB)).doesNotContain("java-disabled-1");
    }

    @Test
    void payload_goes_to_the_webhook_and_the_webhooks_payload_comes_back() throws Exception {
        try (WebhookServer webhook = new WebhookServer()) {
            webhook.thenAnswer(200, "{\"iotHubHostName\":\"" + HUB + "\",\"payload\":{\"firmware\":\"2.4.1\"}}");
            String primary = randomKey();
            String body = "{\"registrationId\":\"java-payload-1\",\"attestation\":{\"type\":\"symmetricKey\","
                    + "\"symmetricKey\":{\"primaryKey\":\"" + primary + "\",\"secondaryKey\":\"" + randomKey() + "\"}},"
                    + "\"allocationPolicy\":\"custom\",\"customAllocationDefinition\":{\"webhookUrl\":\""
                    + webhook.url() + "\",\"apiVersion\":\"2021-10-01\"}}";
            expect(server.sendAsOwner("PUT", "/enrollments/java-payload-1" + API, body), 200);
            AdditionalData data = new AdditionalData();
            data.setProvisioningPayload("{\"modelId\":\"dtmi:opendps:thermostat;1\"}");

            ProvisioningDeviceClient client = client("java-payload-1", primary);
            ProvisioningDeviceClientRegistrationResult result;
            try {
                result = client.registerDeviceSync(data, REGISTER_TIMEOUT_SECONDS);
            } finally {
                client.close();
            }

            assertAssigned(result, "java-payload-1");
            assertThat(result.getProvisioningPayload()).contains("\"firmware\":\"2.4.1\"");
            assertThat(webhook.requests()).singleElement().asString()
                    .contains("\"modelId\":\"dtmi:opendps:thermostat;1\"");
        }
    }

    /** What the client reports, and what the service API says about the same registration. */
    void assertAssigned(ProvisioningDeviceClientRegistrationResult result, String registrationId)
            throws Exception {
        assertThat(result.getProvisioningDeviceClientStatus())
                .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        assertThat(result.getRegistrationId()).isEqualTo(registrationId);
        assertThat(result.getIothubUri()).isEqualTo(HUB);
        assertThat(result.getDeviceId()).isEqualTo(registrationId); // no deviceId in the enrollment
        assertThat(result.getSubstatus()).isEqualTo(ProvisioningDeviceClientSubstatus.INITIAL_ASSIGNMENT);
        assertThat(result.getStatus()).isEqualTo("assigned");
        assertThat(result.getCreatedDateTimeUtc()).isNotBlank();
        assertThat(result.getETag()).isNotBlank();

        assertThat(server.hubs().devices(HUB)).contains(registrationId);
        String state = expect(server.sendAsOwner("GET", "/registrations/" + registrationId + API, null), 200);
        assertThat(state).contains("\"assignedHub\":\"" + HUB + "\"", "\"deviceId\":\"" + registrationId + "\"",
                "\"status\":\"assigned\"");
    }

    ProvisioningDeviceClientRegistrationResult registerSync(String registrationId, String key)
            throws Exception {
        ProvisioningDeviceClient client = client(registrationId, key);
        try {
            return client.registerDeviceSync(REGISTER_TIMEOUT_SECONDS);
        } finally {
            client.close();
        }
    }

    private record Outcome(ProvisioningDeviceClientRegistrationResult result, Exception error) {}

    /** Through the callback, which, unlike registerDeviceSync, also shows the status of a refusal. */
    private Outcome register(String registrationId, String key) throws Exception {
        ProvisioningDeviceClient client = client(registrationId, key);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Outcome> outcome = new AtomicReference<>();
        try {
            client.registerDevice((result, error, context) -> {
                outcome.set(new Outcome(result, error));
                done.countDown();
            }, null);
            assertThat(done.await(REGISTER_TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("registration finished").isTrue();
            return outcome.get();
        } finally {
            client.close();
        }
    }

    /**
     * {@code localhost}, which the server certificate names; over HTTPS with the port, which the client accepts,
     * over MQTT without, since the client adds its own (8883, or 443 for WebSocket).
     */
    private ProvisioningDeviceClient client(String registrationId, String key) throws Exception {
        SecurityProvider security = new SecurityProviderSymmetricKey(key.getBytes(UTF_8), registrationId) {
            @Override
            public SSLContext getSSLContext() {
                return tls12;
            }
        };
        String endpoint = protocol() == ProvisioningDeviceClientTransportProtocol.HTTPS
                ? "localhost:" + server.httpsPort() : "localhost";
        return ProvisioningDeviceClient.create(endpoint, server.info().idScope(), protocol(), security);
    }

    void createEnrollment(String registrationId, String primary, String secondary, String status)
            throws Exception {
        String body = "{\"registrationId\":\"" + registrationId + "\",\"provisioningStatus\":\"" + status + "\","
                + "\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + primary
                + "\",\"secondaryKey\":\"" + secondary + "\"}}}";
        expect(server.sendAsOwner("PUT", "/enrollments/" + registrationId + API, body), 200);
    }

    private String expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    /** 64 random bytes, base64: the size of key Azure generates. */
    String randomKey() {
        byte[] key = new byte[64];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
