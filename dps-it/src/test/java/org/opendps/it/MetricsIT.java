package org.opendps.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClient;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientRegistrationResult;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientStatus;
import com.microsoft.azure.sdk.iot.provisioning.device.ProvisioningDeviceClientTransportProtocol;
import com.microsoft.azure.sdk.iot.provisioning.security.SecurityProviderSymmetricKey;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /metrics}, {@code /health} and {@code /ready} on the HTTPS port, read without a token the way a
 * Prometheus scraper and a load balancer's probe would, while the official Java device client registers devices
 * over HTTPS and over MQTT (on 8883, the only port it dials).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MetricsIT {
    private static final String API = "?api-version=2021-10-01";
    private static final String HUB = "metrics.azure-devices.net";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** Not the default, so that the pool's metric shows the option was applied. */
    private static final int POOL_SIZE = 7;

    private TestServer server;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.withHubs(TestServer.local(dataDir).withPorts(0, 8883).withMetrics(true)
                .withDatabasePoolSize(POOL_SIZE), null, HUB);
    }

    /** TLS 1.2 trusting only {@code on}'s CA, for the Java provisioning client. */
    private static SSLContext tls12(TestServer on) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("opendps-ca", on.caCertificate());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
        tls12.init(null, trust.getTrustManagers(), null);
        return tls12;
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void health_and_ready_answer_without_a_token() throws Exception {
        HttpResponse<String> health = server.send("GET", "/health", null, null);
        HttpResponse<String> ready = server.send("GET", "/ready", null, null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void registrations_over_both_transports_move_their_own_series() throws Exception {
        List<Sample> before = scrape();
        String key = randomKey();
        createEnrollment("metrics-https-1", key);
        createEnrollment("metrics-https-2", key);
        createEnrollment("metrics-mqtt-1", key);

        assertAssigned(register(ProvisioningDeviceClientTransportProtocol.HTTPS, "metrics-https-1", key));
        assertAssigned(register(ProvisioningDeviceClientTransportProtocol.HTTPS, "metrics-https-2", key));
        assertAssigned(register(ProvisioningDeviceClientTransportProtocol.MQTT, "metrics-mqtt-1", key));
        assertThatThrownBy(() -> register(ProvisioningDeviceClientTransportProtocol.HTTPS, "metrics-https-1",
                randomKey())).hasStackTraceContaining("401");

        List<Sample> after = scrape();
        Map<String, String> httpsAssigned = Map.of("transport", "https", "attestation", "symmetricKey",
                "outcome", "assigned", "status", "200");
        Map<String, String> mqttAssigned = Map.of("transport", "mqtt", "attestation", "symmetricKey",
                "outcome", "assigned", "status", "200");
        Map<String, String> httpsRefused = Map.of("transport", "https", "attestation", "symmetricKey",
                "outcome", "refused", "status", "401");
        assertThat(grew(before, after, "opendps_registration_seconds_count", httpsAssigned)).isEqualTo(2);
        assertThat(grew(before, after, "opendps_registration_seconds_count", mqttAssigned)).isEqualTo(1);
        assertThat(grew(before, after, "opendps_registration_seconds_count", httpsRefused)).isEqualTo(1);
        assertThat(grew(before, after, "opendps_registration_seconds_sum", httpsAssigned)).isPositive();
        // A histogram: the +Inf bucket holds every observation, and finite buckets exist for quantile queries.
        Map<String, String> infinite = new LinkedHashMap<>(mqttAssigned);
        infinite.put("le", "+Inf");
        assertThat(grew(before, after, "opendps_registration_seconds_bucket", infinite)).isEqualTo(1);
        assertThat(after).filteredOn(s -> s.name().equals("opendps_registration_seconds_bucket")
                && s.labels().entrySet().containsAll(mqttAssigned.entrySet()) && !s.labels().get("le").equals("+Inf"))
                .hasSizeGreaterThan(10);

        assertThat(grew(before, after, "opendps_attestation_seconds_count",
                Map.of("attestation", "symmetricKey", "outcome", "accepted"))).isEqualTo(3);
        assertThat(grew(before, after, "opendps_attestation_seconds_count",
                Map.of("attestation", "symmetricKey", "outcome", "refused"))).isEqualTo(1);
        assertThat(grew(before, after, "opendps_hub_call_seconds_count",
                Map.of("operation", "putDevice", "outcome", "success"))).isEqualTo(3);
        // The MQTT listener's connections: the device's is closed again, but its bytes were counted.
        Map<String, String> mqttListener = Map.of("local", "127.0.0.1:8883");
        assertThat(value(after, "vertx_net_server_active_connections", mqttListener)).isZero();
        assertThat(grew(before, after, "vertx_net_server_bytes_read_total", mqttListener)).isPositive();
    }

    @Test
    void a_registration_waits_for_one_disk_sync_whatever_it_writes(@TempDir Path dataDir) throws Exception {
        // Here the hub is in memory: the operation and the state are committed unsynced, and the operation marked
        // done is the one synced commit, which makes them durable with it.
        assertRegistrationCommits(server, "metrics-sync-1", 3);
        // On a built-in hub, the hub identity and the twin are two more unsynced commits, and still one sync.
        try (TestServer builtIn = TestServer.startWithBuiltInHubs(
                TestServer.local(dataDir).withPorts(0, 0).withMetrics(true))) {
            assertRegistrationCommits(builtIn, "metrics-sync-2", 5);
        }
    }

    private void assertRegistrationCommits(TestServer on, String registrationId, int writes) throws Exception {
        String key = randomKey();
        createEnrollment(on, registrationId, key);

        List<Sample> before = scrape(on);
        assertAssigned(register(on, ProvisioningDeviceClientTransportProtocol.HTTPS, registrationId, key));
        List<Sample> after = scrape(on);

        assertThat(grew(before, after, "opendps_database_writes_total", Map.of())).isEqualTo(writes);
        assertThat(grew(before, after, "opendps_database_commits_total", Map.of("sync", "no"))).isEqualTo(writes - 1);
        assertThat(grew(before, after, "opendps_database_commits_total", Map.of("sync", "yes"))).isEqualTo(1);
    }

    @Test
    void metrics_cover_the_listeners_the_database_pool_and_the_jvm() throws Exception {
        HttpResponse<String> response = server.send("GET", "/metrics", null, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        List<Sample> samples = parse(response.body());
        // "local" is the listener's configured address, here port 0; the scrape's own connection is open.
        assertThat(samples).anyMatch(s -> s.name().equals("vertx_http_server_active_connections")
                && s.value() >= 1);
        assertThat(value(samples, "hikaricp_connections_max", Map.of("pool", "opendps-sqlite")))
                .as("serve --database-pool-size").isEqualTo(POOL_SIZE);
        assertThat(samples).anyMatch(s -> s.name().equals("jvm_memory_used_bytes") && s.value() > 0);
        assertThat(samples).anyMatch(s -> s.name().equals("jvm_threads_live_threads") && s.value() > 0);
        assertThat(samples).anyMatch(s -> s.name().equals("system_cpu_count") && s.value() >= 1);
        assertThat(response.body()).as("no registration ID in any label").doesNotContain("metrics-https");
    }

    private record Sample(String name, Map<String, String> labels, double value) {}

    private List<Sample> scrape() throws Exception {
        return scrape(server);
    }

    private static List<Sample> scrape(TestServer on) throws Exception {
        HttpResponse<String> response = on.send("GET", "/metrics", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return parse(response.body());
    }

    private static List<Sample> parse(String exposition) {
        List<Sample> samples = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            Matcher label = LABEL.matcher(sample.group(2) == null ? "" : sample.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
            samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
        }
        return samples;
    }

    /** How much the one series of {@code name} whose labels include {@code labels} grew (0 before it existed). */
    private static double grew(List<Sample> before, List<Sample> after, String name, Map<String, String> labels) {
        return value(after, name, labels) - value(before, name, labels);
    }

    private static double value(List<Sample> samples, String name, Map<String, String> labels) {
        List<Sample> matching = samples.stream().filter(s -> s.name().equals(name)
                && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        assertThat(matching).as(name + labels).hasSizeLessThanOrEqualTo(1);
        return matching.isEmpty() ? 0 : matching.get(0).value();
    }

    private ProvisioningDeviceClientRegistrationResult register(ProvisioningDeviceClientTransportProtocol protocol,
            String registrationId, String key) throws Exception {
        return register(server, protocol, registrationId, key);
    }

    private static ProvisioningDeviceClientRegistrationResult register(TestServer on,
            ProvisioningDeviceClientTransportProtocol protocol, String registrationId, String key) throws Exception {
        SSLContext tls12 = tls12(on);
        SecurityProviderSymmetricKey security = new SecurityProviderSymmetricKey(key.getBytes(UTF_8),
                registrationId) {
            @Override
            public SSLContext getSSLContext() {
                return tls12;
            }
        };
        // Over HTTPS the client takes the port in the endpoint; over MQTT it adds 8883 itself.
        String endpoint = protocol == ProvisioningDeviceClientTransportProtocol.HTTPS
                ? "localhost:" + on.httpsPort() : "localhost";
        ProvisioningDeviceClient client = ProvisioningDeviceClient.create(endpoint, on.info().idScope(), protocol,
                security);
        try {
            return client.registerDeviceSync(30);
        } finally {
            client.close();
        }
    }

    private static void assertAssigned(ProvisioningDeviceClientRegistrationResult result) {
        assertThat(result.getProvisioningDeviceClientStatus())
                .isEqualTo(ProvisioningDeviceClientStatus.PROVISIONING_DEVICE_STATUS_ASSIGNED);
    }

    private void createEnrollment(String registrationId, String primary) throws Exception {
        createEnrollment(server, registrationId, primary);
    }

    private static void createEnrollment(TestServer on, String registrationId, String primary) throws Exception {
        String body = "{\"registrationId\":\"" + registrationId + "\",\"attestation\":{\"type\":\"symmetricKey\","
                + "\"symmetricKey\":{\"primaryKey\":\"" + primary + "\",\"secondaryKey\":\"" + randomKey() + "\"}}}";
        HttpResponse<String> response = on.sendAsOwner("PUT", "/enrollments/" + registrationId + API, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static String randomKey() {
        byte[] key = new byte[64];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
