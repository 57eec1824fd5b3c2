package org.opendps.it;

import static java.nio.charset.StandardCharsets.UTF_8;
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
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.provisioning.ProvisioningService;
import org.opendps.hub.telemetry.TelemetryMessage;
import org.opendps.testsupport.net.ProxiedJvm;
import org.opendps.testsupport.tpm.Swtpm;

/**
 * TPM attestation end to end, with a real TPM 2.0 (swtpm) on the device side. The official Java provisioning client
 * 2.1.3 with the official TPM provider registers over HTTPS, and the official device client 2.5.0 then connects to
 * the built-in hub with SAS tokens the TPM signs with the hub key it imported. Raw requests, signed by the same
 * TPM, show each refusal: a wrong EK or SRK, a replayed or expired challenge, a SAS signed with another key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TpmRegistrationIT {
    private static final String HUB = "localhost";
    private static final String API = "?api-version=2019-03-31";
    private static final String SERVICE_API = "?api-version=2021-10-01";
    private static final String HUB_API = "?api-version=2021-04-12";
    private static final Duration CHALLENGE_LIFETIME = Duration.ofSeconds(3);
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestServer server;
    private HubCalls hub;
    private SSLContext trustingServer;
    private Swtpm deviceTpm;
    private Swtpm otherTpm;
    private SwtpmSecurityProvider device;
    private SwtpmSecurityProvider other;
    /** What {@code opendps tpm ek} printed for the device's TPM at manufacturing, before the device first ran. */
    private String manufactured;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        deviceTpm = Swtpm.start();
        otherTpm = Swtpm.start();
        ProvisioningService.Settings defaults = ProvisioningService.Settings.DEFAULTS;
        server = TestServer.withBuiltInHub(new ProvisioningService.Settings(defaults.singleRoundTripWait(),
                defaults.retryAfterSeconds(), defaults.sasClockSkew(), defaults.assignmentThreads(),
                CHALLENGE_LIFETIME), dataDir, 8883);
        hub = new HubCalls(server);
        trustingServer = ProxiedJvm.trusting(server.caCertificate());
        CliIT.Result ek = CliIT.run("tpm", "ek", "--simulator", "127.0.0.1:" + deviceTpm.port());
        assertThat(ek.exitCode()).as(ek.toString()).isZero();
        manufactured = ek.out();
        device = SwtpmSecurityProvider.connect(deviceTpm, trustingServer);
        other = SwtpmSecurityProvider.connect(otherTpm, trustingServer);
    }

    @AfterAll
    void stop() throws Exception {
        if (hub != null) {
            hub.close();
        }
        if (server != null) {
            server.close();
        }
        for (Swtpm tpm : new Swtpm[] {deviceTpm, otherTpm}) {
            if (tpm != null) {
                tpm.close();
            }
        }
    }

    /**
     * Manufacturing: {@code opendps tpm ek} read the TPM and printed the enrollment command; run as printed, it
     * enrolls the very EK, SRK and registration ID the device's SDK later presents.
     */
    @Test
    void the_official_clients_register_with_the_tpm_and_connect_to_the_hub_with_its_key() throws Exception {
        String registrationId = device.getRegistrationId();
        String command = manufactured.lines().filter(l -> l.startsWith("opendps enrollment create ")).findFirst()
                .orElseThrow();
        assertThat(command).contains("--registration-id " + registrationId,
                "--endorsement-key " + Base64.getEncoder().encodeToString(device.getEndorsementKey()),
                "--storage-root-key " + Base64.getEncoder().encodeToString(device.getStorageRootKey()));
        List<String> args = new ArrayList<>(List.of(command.substring("opendps ".length()).split(" ")));
        args.addAll(List.of("--connection-info", server.dataDir().resolve("connection-info.json").toString()));
        CliIT.Result enrolled = CliIT.run(args.toArray(String[]::new));
        assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();

        ProvisioningDeviceClientRegistrationResult result = registerWithTheJavaClient();

        assertThat(result.getProvisioningDeviceClientStatus())
                .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
        assertThat(result.getIothubUri()).isEqualTo(HUB);
        assertThat(result.getDeviceId()).isEqualTo(registrationId);
        String state = expect(server.sendAsOwner("GET", "/registrations/" + registrationId + SERVICE_API, null), 200);
        assertThat(state).contains("\"status\":\"assigned\"");

        // The client's SecurityProvider constructor wants a host name with a dot; its token provider takes any,
        // and here the TPM signs every token with the hub key it imported.
        DeviceClient client = new DeviceClient(HUB, registrationId, () -> hubToken(registrationId),
                IotHubClientProtocol.MQTT, ClientOptions.builder().sslContext(trustingServer).build());
        try {
            client.open(true);
            client.sendEvent(new Message("signed by the TPM".getBytes(UTF_8)));
        } finally {
            client.close();
        }
        List<TelemetryMessage> received = server.dps().hubDevices().telemetry().read(HUB).stream()
                .filter(m -> m.deviceId().equals(registrationId)).toList();
        assertThat(received).extracting(m -> new String(m.body(), UTF_8)).containsExactly("signed by the TPM");
    }

    @Test
    void the_challenge_is_a_401_with_the_key_and_its_name_and_nothing_is_registered() throws Exception {
        enroll("tpm-challenge", device.getEndorsementKey(), device.getStorageRootKey());

        HttpResponse<String> challenge = put("tpm-challenge", device, null);

        assertThat(challenge.statusCode()).isEqualTo(401);
        JsonNode body = DeviceCalls.json(challenge.body());
        assertThat(body.path("keyName").asText()).isEqualTo("registration");
        assertThat(Base64.getDecoder().decode(body.path("authenticationKey").asText())).hasSizeGreaterThan(700);
        assertNotRegistered("tpm-challenge");
    }

    @Test
    void the_key_in_the_result_is_the_hub_key_and_polls_may_use_either_key() throws Exception {
        enroll("tpm-raw", device.getEndorsementKey(), device.getStorageRootKey());
        String token = answerChallenge("tpm-raw", device);

        JsonNode result = registerAndWait("tpm-raw", token);

        device.activateIdentityKey(Base64.getDecoder().decode(
                result.path("registrationState").path("tpm").path("authenticationKey").asText()));
        JsonNode identity = DeviceCalls.json(expect(hub.owner(HUB, "GET", "/devices/tpm-raw" + HUB_API, null), 200));
        String hubKey = identity.path("authentication").path("symmetricKey").path("primaryKey").asText();
        byte[] data = "any data".getBytes(UTF_8);
        assertThat(device.signWithIdentity(data)).isEqualTo(hmac(Base64.getDecoder().decode(hubKey), data));

        String operation = result.path("operationId").asText();
        assertThat(poll("tpm-raw", operation, token).statusCode()).isEqualTo(200);
        assertThat(poll("tpm-raw", operation, sign("tpm-raw", device)).statusCode()).isEqualTo(200);
    }

    @Test
    void once_the_enrollment_names_another_tpm_the_old_tpms_keys_stop_working() throws Exception {
        enroll("tpm-moved", device.getEndorsementKey(), null);
        String challengeToken = answerChallenge("tpm-moved", device);
        JsonNode result = registerAndWait("tpm-moved", challengeToken);
        device.activateIdentityKey(Base64.getDecoder().decode(
                result.path("registrationState").path("tpm").path("authenticationKey").asText()));
        expect(server.sendAsOwner("DELETE", "/enrollments/tpm-moved" + SERVICE_API, null), 204);
        enroll("tpm-moved", other.getEndorsementKey(), null);

        String hubKeyToken = sign("tpm-moved", device);

        assertRefused(poll("tpm-moved", result.path("operationId").asText(), challengeToken), 401);
        assertRefused(poll("tpm-moved", result.path("operationId").asText(), hubKeyToken), 401);
        assertRefused(server.send("PUT", registerPath("tpm-moved"), "{}", hubKeyToken), 401);
    }

    @Test
    void a_wrong_endorsement_key_gets_no_challenge() throws Exception {
        enroll("tpm-wrong-ek", device.getEndorsementKey(), null);

        HttpResponse<String> refused = put("tpm-wrong-ek", other, null);

        assertRefused(refused, 401);
        assertNotRegistered("tpm-wrong-ek");
    }

    @Test
    void a_storage_root_key_other_than_the_enrolled_one_gets_no_challenge() throws Exception {
        enroll("tpm-wrong-srk", device.getEndorsementKey(), device.getStorageRootKey());

        HttpResponse<String> refused = send("tpm-wrong-srk", device.getEndorsementKey(), other.getStorageRootKey(),
                null);

        assertRefused(refused, 401);
        assertNotRegistered("tpm-wrong-srk");
    }

    @Test
    void a_key_wrapped_to_another_storage_root_key_cannot_be_loaded_so_no_token_can_be_made() throws Exception {
        enroll("tpm-foreign-srk", other.getEndorsementKey(), null); // the enrollment does not pin the SRK
        HttpResponse<String> challenge = send("tpm-foreign-srk", other.getEndorsementKey(),
                device.getStorageRootKey(), null);
        assertThat(challenge.statusCode()).isEqualTo(401);

        byte[] blob = Base64.getDecoder().decode(DeviceCalls.json(challenge.body()).path("authenticationKey").asText());
        assertThatThrownBy(() -> other.activateIdentityKey(blob))
                .isInstanceOf(Exception.class);
        assertNotRegistered("tpm-foreign-srk");
    }

    @Test
    void a_used_challenge_cannot_register_again() throws Exception {
        enroll("tpm-replay", device.getEndorsementKey(), device.getStorageRootKey());
        String token = answerChallenge("tpm-replay", device);
        registerAndWait("tpm-replay", token);
        String hubKey = hubKey("tpm-replay");

        HttpResponse<String> replayed = put("tpm-replay", device, token);

        assertRefused(replayed, 401);
        assertThat(replayed.body()).contains("already used");
        assertThat(hubKey("tpm-replay")).isEqualTo(hubKey);
    }

    @Test
    void an_expired_challenge_cannot_register() throws Exception {
        enroll("tpm-expired", device.getEndorsementKey(), device.getStorageRootKey());
        String token = answerChallenge("tpm-expired", device);

        Thread.sleep(CHALLENGE_LIFETIME.toMillis() + 200);
        HttpResponse<String> late = put("tpm-expired", device, token);

        assertRefused(late, 401);
        assertThat(late.body()).contains("expired");
        assertNotRegistered("tpm-expired");
    }

    @Test
    void a_token_signed_with_another_key_is_refused() throws Exception {
        enroll("tpm-other-key", device.getEndorsementKey(), device.getStorageRootKey());
        assertThat(put("tpm-other-key", device, null).statusCode()).isEqualTo(401);
        String sr = server.info().idScope() + "/registrations/tpm-other-key";
        long se = Instant.now().plusSeconds(3600).getEpochSecond();
        byte[] otherKey = new byte[32];
        RANDOM.nextBytes(otherKey);

        HttpResponse<String> refused = put("tpm-other-key", device,
                token(sr, se, hmac(otherKey, (sr + "\n" + se).getBytes(UTF_8))));

        assertRefused(refused, 401);
        assertNotRegistered("tpm-other-key");
    }

    @Test
    void a_storage_root_key_that_is_no_tpm_key_is_a_400() throws Exception {
        enroll("tpm-bad-srk", device.getEndorsementKey(), null);

        HttpResponse<String> refused = send("tpm-bad-srk", device.getEndorsementKey(), "not a key".getBytes(UTF_8),
                null);

        assertRefused(refused, 400);
        assertThat(refused.body()).contains("tpm");
        assertNotRegistered("tpm-bad-srk");
    }

    @Test
    void an_endorsement_key_without_a_storage_root_key_is_a_400() throws Exception {
        String body = "{\"registrationId\":\"tpm-no-srk\",\"tpm\":{\"endorsementKey\":\""
                + Base64.getEncoder().encodeToString(device.getEndorsementKey()) + "\"}}";

        HttpResponse<String> refused = server.send("PUT", registerPath("tpm-no-srk"), body, null);

        assertRefused(refused, 400);
    }

    private ProvisioningDeviceClientRegistrationResult registerWithTheJavaClient() throws Exception {
        ProvisioningDeviceClient client = ProvisioningDeviceClient.create("localhost:" + server.httpsPort(),
                server.info().idScope(), ProvisioningDeviceClientTransportProtocol.HTTPS, device);
        try {
            return client.registerDeviceSync(30);
        } finally {
            client.close();
        }
    }

    /** The register request with this token, then polls with it until the registration ends; the final answer. */
    private JsonNode registerAndWait(String registrationId, String token) throws Exception {
        HttpResponse<String> response = put(registrationId, device, token);
        for (int i = 0; i < 30 && response.statusCode() == 202; i++) {
            Thread.sleep(500);
            response = poll(registrationId, DeviceCalls.json(response.body()).path("operationId").asText(), token);
        }
        JsonNode result = DeviceCalls.json(expect(response, 200));
        assertThat(result.path("status").asText()).isEqualTo("assigned");
        return result;
    }

    /** Asks for the challenge, has the TPM activate it, and returns the SAS the TPM signs with the key. */
    private String answerChallenge(String registrationId, SwtpmSecurityProvider tpm) throws Exception {
        HttpResponse<String> challenge = put(registrationId, tpm, null);
        assertThat(challenge.statusCode()).as(challenge.body()).isEqualTo(401);
        tpm.activateIdentityKey(Base64.getDecoder().decode(
                DeviceCalls.json(challenge.body()).path("authenticationKey").asText()));
        return sign(registrationId, tpm);
    }

    /** A token as the Java SDK makes it, signed by the TPM with the key it holds now. */
    private String sign(String registrationId, SwtpmSecurityProvider tpm) throws Exception {
        String sr = server.info().idScope() + "/registrations/" + registrationId;
        long se = Instant.now().plusSeconds(3600).getEpochSecond();
        return token(sr, se, tpm.signWithIdentity((sr + "\n" + se).getBytes(UTF_8)));
    }

    /** A hub token as the Java device client makes it, signed by the device's TPM. */
    private char[] hubToken(String deviceId) {
        String sr = HUB + "/devices/" + deviceId;
        long se = Instant.now().plusSeconds(3600).getEpochSecond();
        try {
            String sig = Base64.getEncoder().encodeToString(device.signWithIdentity((sr + "\n" + se).getBytes(UTF_8)));
            return ("SharedAccessSignature sig=" + URLEncoder.encode(sig, UTF_8) + "&se=" + se + "&sr=" + sr)
                    .toCharArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(String sr, long se, byte[] signature) {
        return "SharedAccessSignature sr=" + sr + "&sig=" + URLEncoder.encode(
                Base64.getEncoder().encodeToString(signature), UTF_8) + "&se=" + se + "&skn=";
    }

    private HttpResponse<String> put(String registrationId, SwtpmSecurityProvider tpm, String token)
            throws Exception {
        return send(registrationId, tpm.getEndorsementKey(), tpm.getStorageRootKey(), token);
    }

    private HttpResponse<String> send(String registrationId, byte[] ek, byte[] srk, String token) throws Exception {
        String body = "{\"registrationId\":\"" + registrationId + "\",\"tpm\":{\"endorsementKey\":\""
                + Base64.getEncoder().encodeToString(ek) + "\",\"storageRootKey\":\""
                + Base64.getEncoder().encodeToString(srk) + "\"}}";
        return server.send("PUT", registerPath(registrationId), body, token);
    }

    private HttpResponse<String> poll(String registrationId, String operationId, String token) throws Exception {
        return server.send("GET", "/" + server.info().idScope() + "/registrations/" + registrationId + "/operations/"
                + operationId + API, null, token);
    }

    private String registerPath(String registrationId) {
        return "/" + server.info().idScope() + "/registrations/" + registrationId + "/register" + API;
    }

    private void enroll(String registrationId, byte[] ek, byte[] srk) throws Exception {
        String body = "{\"registrationId\":\"" + registrationId + "\",\"attestation\":{\"type\":\"tpm\",\"tpm\":{"
                + "\"endorsementKey\":\"" + Base64.getEncoder().encodeToString(ek) + "\""
                + (srk == null ? "" : ",\"storageRootKey\":\"" + Base64.getEncoder().encodeToString(srk) + "\"")
                + "}}}";
        expect(server.sendAsOwner("PUT", "/enrollments/" + registrationId + SERVICE_API, body), 200);
    }

    private String hubKey(String deviceId) throws Exception {
        JsonNode identity = DeviceCalls.json(expect(hub.owner(HUB, "GET", "/devices/" + deviceId + HUB_API, null),
                200));
        return identity.path("authentication").path("symmetricKey").path("primaryKey").asText();
    }

    /** No registration state and no identity in the hub. */
    private void assertNotRegistered(String registrationId) throws Exception {
        expect(server.sendAsOwner("GET", "/registrations/" + registrationId + SERVICE_API, null), 404);
        expect(hub.owner(HUB, "GET", "/devices/" + registrationId + HUB_API, null), 404);
    }

    private static void assertRefused(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode error = DeviceCalls.json(response.body());
        assertThat(error.path("errorCode").asInt() / 1000).isEqualTo(status);
        assertThat(error.has("authenticationKey")).isFalse();
        assertThat(response.headers().firstValue("x-ms-error-code")).contains(error.path("errorCode").asText());
    }

    private static String expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }
}
