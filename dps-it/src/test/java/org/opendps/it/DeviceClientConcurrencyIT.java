package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.deviceclient.HttpsRegistrationTransport;
import org.opendps.deviceclient.MqttRegistrationTransport;
import org.opendps.deviceclient.ProvisioningEndpoint;
import org.opendps.deviceclient.Registration;
import org.opendps.deviceclient.RegistrationCredential;
import org.opendps.deviceclient.RegistrationTransport;

/**
 * The device client as a load generator would use it: many registrations in flight at once on one transport, each
 * ending assigned to its own device.
 */
class DeviceClientConcurrencyIT {
    private static final int DEVICES = 60;

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static String groupKey;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        groupKey = SharedAccessSignatures.generateKey();
        HttpResponse<String> group = server.sendAsOwner("PUT", "/enrollmentGroups/load?api-version=2021-10-01",
                "{\"enrollmentGroupId\":\"load\",\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":"
                        + "{\"primaryKey\":\"" + groupKey + "\",\"secondaryKey\":\"" + groupKey + "\"}}}");
        assertThat(group.statusCode()).as(group.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<RegistrationOperationStatus> registerAll(RegistrationTransport transport, String prefix) {
        List<CompletableFuture<RegistrationOperationStatus>> inFlight = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            String id = prefix + i;
            inFlight.add(transport.register(new Registration(server.info().idScope(), id,
                    new RegistrationCredential.SymmetricKey(SharedAccessSignatures.hmac(groupKey, id)), null)));
        }
        return inFlight.stream().map(f -> f.orTimeout(60, TimeUnit.SECONDS).join()).toList();
    }

    @Test
    void sixty_symmetric_key_devices_at_once_over_https() throws Exception {
        List<RegistrationOperationStatus> results;
        try (RegistrationTransport https = new HttpsRegistrationTransport(new ProvisioningEndpoint("localhost",
                server.httpsPort(), List.of(server.caCertificate())), Duration.ofSeconds(60))) {
            results = registerAll(https, "load-https-");
        }

        assertThat(results).allSatisfy(result -> assertThat(result.status()).isEqualTo(RegistrationStatus.ASSIGNED));
        assertThat(results).extracting(result -> result.registrationState().deviceId()).doesNotHaveDuplicates()
                .hasSize(DEVICES);
        assertThat(server.hubs().identity("localhost", "load-https-" + (DEVICES - 1))).isPresent();
    }

    @Test
    void sixty_symmetric_key_devices_at_once_over_mqtt_on_one_event_loop() throws Exception {
        List<RegistrationOperationStatus> results;
        try (RegistrationTransport mqtt = new MqttRegistrationTransport(new ProvisioningEndpoint("localhost",
                server.mqttPort(), List.of(server.caCertificate())), Duration.ofSeconds(60))) {
            results = registerAll(mqtt, "load-mqtt-");
        }

        assertThat(results).allSatisfy(result -> assertThat(result.status()).isEqualTo(RegistrationStatus.ASSIGNED));
        assertThat(results).extracting(result -> result.registrationState().deviceId()).doesNotHaveDuplicates()
                .hasSize(DEVICES);
    }
}
