package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.cli.OpenDpsCommand;
import org.opendps.core.provisioning.ProvisioningService;
import org.opendps.core.security.SharedAccessSignatures;
import picocli.CommandLine;

/**
 * {@code opendps device register}, OpenDPS's own device client, in-process against a real OpenDPS over TLS:
 * symmetric keys and X.509 certificates made by {@code opendps cert}, over HTTPS and MQTT, and the failures a device
 * must tell apart.
 */
class DeviceAgentIT {
    @TempDir
    static Path dataDir;

    @TempDir
    static Path files;

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    static Result run(String... args) {
        CommandLine commandLine = OpenDpsCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** {@code opendps ARGS --connection-info <the server's>}. */
    private static Result opendps(TestServer target, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--connection-info");
        all.add(target.dataDir().resolve("connection-info.json").toString());
        return run(all.toArray(String[]::new));
    }

    private static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static String field(Result result, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " +(\\S.*)$").matcher(result.out());
        assertThat(m.find()).as(name + " in\n" + result.out()).isTrue();
        return m.group(1).strip();
    }

    private static String enroll(TestServer target, String registrationId) {
        return field(ok(opendps(target, "enrollment", "create", "--registration-id", registrationId)), "primaryKey");
    }

    @Test
    void an_individual_key_registers_over_https_and_gets_a_connection_string_for_its_hub() throws Exception {
        String key = enroll(server, "agent-dev-1");
        Path out = files.resolve("agent-dev-1.json");

        Result registered = ok(opendps(server, "device", "register", "--registration-id", "agent-dev-1", "--key", key,
                "--out", out.toString()));

        assertThat(field(registered, "status")).isEqualTo("assigned");
        assertThat(field(registered, "assignedHub")).isEqualTo("localhost");
        assertThat(field(registered, "deviceId")).isEqualTo("agent-dev-1");
        assertThat(field(registered, "connectionString"))
                .isEqualTo("HostName=localhost;DeviceId=agent-dev-1;SharedAccessKey=" + key);
        JsonNode written = DeviceCalls.json(Files.readString(out));
        assertThat(written.path("assignedHub").asText()).isEqualTo("localhost");
        assertThat(written.path("connectionString").asText()).endsWith(key);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-------");
        HttpResponse<String> state = server.sendAsOwner("GET", "/registrations/agent-dev-1?api-version=2021-10-01",
                null);
        assertThat(DeviceCalls.json(state.body()).path("status").asText()).isEqualTo("assigned");
        assertThat(server.hubs().identity("localhost", "agent-dev-1")).isPresent();
    }

    @Test
    void a_group_key_is_derived_for_the_registration_id() throws Exception {
        String groupKey = field(ok(opendps(server, "enrollment-group", "create", "--group-id", "agent-group")),
                "primaryKey");

        Result registered = ok(opendps(server, "device", "register", "--registration-id", "agent-grp-7",
                "--group-key", groupKey, "-o", "json"));

        JsonNode result = DeviceCalls.json(registered.out());
        assertThat(result.path("deviceId").asText()).isEqualTo("agent-grp-7");
        assertThat(result.path("connectionString").asText()).endsWith(
                ";SharedAccessKey=" + SharedAccessSignatures.hmac(groupKey, "agent-grp-7"));
        HttpResponse<String> state = server.sendAsOwner("GET", "/registrations/agent-grp-7?api-version=2021-10-01",
                null);
        assertThat(DeviceCalls.json(state.body()).path("status").asText()).isEqualTo("assigned");
    }

    @Test
    void the_payload_reaches_the_allocation_webhook_and_its_answer_comes_back() throws Exception {
        try (WebhookServer webhook = new WebhookServer()) {
            webhook.thenAnswer(200, "{\"iotHubHostName\":\"localhost\",\"payload\":{\"answer\":42}}");
            String key = field(ok(opendps(server, "enrollment", "create", "--registration-id", "agent-hooked",
                    "--webhook-url", webhook.url())), "primaryKey");

            Result registered = ok(opendps(server, "device", "register", "--registration-id", "agent-hooked",
                    "--key", key, "--payload", "{\"modelId\":\"dtmi:acme:meter;1\"}", "-o", "json"));

            assertThat(DeviceCalls.json(registered.out()).path("payload").path("answer").asInt()).isEqualTo(42);
            assertThat(DeviceCalls.json(webhook.requests().get(0)).at("/deviceRuntimeContext/payload/modelId")
                    .asText()).isEqualTo("dtmi:acme:meter;1");
        }
    }

    @Test
    void a_wrong_key_exits_5_with_azures_error_code_and_never_prints_the_key() {
        enroll(server, "agent-wrong");
        String wrong = Base64.getEncoder().encodeToString(new byte[32]);

        Result denied = opendps(server, "device", "register", "--registration-id", "agent-wrong", "--key", wrong);

        assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(5);
        assertThat(denied.err()).startsWith("error: registration failed: ").contains("(errorCode 401")
                .doesNotContain(wrong);
        assertThat(denied.out()).isEmpty();
    }

    @Test
    void a_disabled_enrollment_ends_disabled_and_exits_by_its_error_code() {
        String key = enroll(server, "agent-disabled");
        ok(opendps(server, "enrollment", "update", "--registration-id", "agent-disabled", "--disabled"));

        Result disabled = opendps(server, "device", "register", "--registration-id", "agent-disabled", "--key", key);

        assertThat(disabled.exitCode()).as(disabled.toString()).isEqualTo(5); // 403001, as any 403
        assertThat(disabled.err()).contains("registration ended disabled").contains("(errorCode 403001)");
    }

    @Test
    void without_the_servers_ca_the_tls_handshake_fails_with_exit_7() {
        String key = enroll(server, "agent-untrusted");
        ok(run("cert", "create-root", "--out", files.toString(), "--name", "other-ca", "--force"));

        Result untrusted = opendps(server, "device", "register", "--registration-id", "agent-untrusted", "--key", key,
                "--ca-file", files.resolve("other-ca.cert.pem").toString());

        assertThat(untrusted.exitCode()).as(untrusted.toString()).isEqualTo(7);
        assertThat(untrusted.err()).contains("TLS handshake failed");
    }

    /** A root CA with proof of possession on the server, and an intermediate under it, made with `cert`. */
    private static Path verifiedRootAndIntermediate(String name) {
        Path pki = files.resolve(name);
        String root = pki.resolve("root-ca.cert.pem").toString();
        String rootKey = pki.resolve("root-ca.key.pem").toString();
        ok(run("cert", "create-root", "--cn", name + " root", "--out", pki.toString()));
        ok(run("cert", "create-intermediate", "--cn", name + " line", "--out", pki.toString(), "--ca-cert", root,
                "--ca-key", rootKey));
        ok(opendps(server, "certificate", "upload", name, "--file", root));
        String code = ok(opendps(server, "certificate", "verify", name, "--generate-code")).out().strip();
        ok(run("cert", "verification-cert", "--code", code, "--out", pki.toString(), "--name", "proof", "--ca-cert",
                root, "--ca-key", rootKey));
        ok(opendps(server, "certificate", "verify", name, "--file", pki.resolve("proof.cert.pem").toString()));
        return pki;
    }

    /** {@code cert create-device} under the intermediate of {@code pki}. */
    private static void device(Path pki, String registrationId) {
        ok(run("cert", "create-device", "--registration-id", registrationId, "--out", pki.toString(), "--ca-cert",
                pki.resolve("intermediate-ca.chain.pem").toString(), "--ca-key",
                pki.resolve("intermediate-ca.key.pem").toString()));
    }

    private static String[] withCertificate(Path pki, String registrationId, String... more) {
        List<String> args = new ArrayList<>(List.of("device", "register", "--cert",
                pki.resolve(registrationId + ".cert.pem").toString(), "--key-file",
                pki.resolve(registrationId + ".key.pem").toString(), "--chain",
                pki.resolve(registrationId + ".chain.pem").toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void a_production_run_end_to_end_certificates_from_cert_registered_over_https_through_a_group() {
        Path pki = verifiedRootAndIntermediate("agent-x509-line");
        ok(opendps(server, "enrollment-group", "create", "--group-id", "agent-x509-group", "--certificate",
                pki.resolve("intermediate-ca.cert.pem").toString()));
        device(pki, "agent-x509-dev-1");

        Result registered = ok(opendps(server, withCertificate(pki, "agent-x509-dev-1")));

        assertThat(field(registered, "registrationId")).isEqualTo("agent-x509-dev-1");
        assertThat(field(registered, "assignedHub")).isEqualTo("localhost");
        assertThat(field(registered, "connectionString"))
                .isEqualTo("HostName=localhost;DeviceId=agent-x509-dev-1;x509=true");
        assertThat(server.hubs().identity("localhost", "agent-x509-dev-1")).isPresent();
    }

    @Test
    void an_individual_x509_enrollment_registers_its_certificate_and_no_other() {
        Path pki = files.resolve("agent-x509-individual");
        ok(run("cert", "create-root", "--out", pki.toString()));
        ok(run("cert", "create-intermediate", "--out", pki.toString(), "--ca-cert",
                pki.resolve("root-ca.cert.pem").toString(), "--ca-key", pki.resolve("root-ca.key.pem").toString()));
        device(pki, "agent-x509-ind");
        ok(opendps(server, "enrollment", "create", "--registration-id", "agent-x509-ind", "--certificate",
                pki.resolve("agent-x509-ind.cert.pem").toString()));
        Path other = files.resolve("agent-x509-other");
        ok(run("cert", "create-root", "--out", other.toString()));
        ok(run("cert", "create-device", "--registration-id", "agent-x509-ind", "--out", other.toString(),
                "--ca-cert", other.resolve("root-ca.cert.pem").toString(), "--ca-key",
                other.resolve("root-ca.key.pem").toString()));

        Result registered = ok(opendps(server, withCertificate(pki, "agent-x509-ind")));
        Result impostor = opendps(server, "device", "register", "--cert",
                other.resolve("agent-x509-ind.cert.pem").toString(), "--key-file",
                other.resolve("agent-x509-ind.key.pem").toString());

        assertThat(field(registered, "deviceId")).isEqualTo("agent-x509-ind");
        assertThat(impostor.exitCode()).as(impostor.toString()).isEqualTo(5);
        assertThat(impostor.err()).contains("(errorCode 401");
    }

    /** The server's MQTT listener: on a free port in tests, where devices in the field dial 8883. */
    private static String mqttEndpoint(TestServer target) {
        return "localhost:" + target.mqttPort();
    }

    @Test
    void an_individual_key_registers_over_mqtt() {
        String key = enroll(server, "agent-mqtt-1");

        Result registered = ok(opendps(server, "device", "register", "--registration-id", "agent-mqtt-1", "--key",
                key, "--transport", "mqtt", "--endpoint", mqttEndpoint(server)));

        assertThat(field(registered, "status")).isEqualTo("assigned");
        assertThat(field(registered, "connectionString"))
                .isEqualTo("HostName=localhost;DeviceId=agent-mqtt-1;SharedAccessKey=" + key);
        assertThat(server.hubs().identity("localhost", "agent-mqtt-1")).isPresent();
    }

    @Test
    void a_group_key_over_mqtt_and_a_wrong_key_over_mqtt_exits_5() {
        String groupKey = field(ok(opendps(server, "enrollment-group", "create", "--group-id", "agent-mqtt-group")),
                "primaryKey");
        String wrong = Base64.getEncoder().encodeToString(new byte[32]);

        Result registered = ok(opendps(server, "device", "register", "--registration-id", "agent-mqtt-grp-1",
                "--group-key", groupKey, "--transport", "mqtt", "--endpoint", mqttEndpoint(server), "-o", "json"));
        Result denied = opendps(server, "device", "register", "--registration-id", "agent-mqtt-grp-2", "--key", wrong,
                "--transport", "mqtt", "--endpoint", mqttEndpoint(server));

        assertThat(registered.out()).contains("\"deviceId\" : \"agent-mqtt-grp-1\"");
        assertThat(denied.exitCode()).as(denied.toString()).isEqualTo(5);
        assertThat(denied.err()).doesNotContain(wrong);
    }

    @Test
    void an_x509_device_registers_over_mqtt_through_a_group() {
        Path pki = verifiedRootAndIntermediate("agent-mqtt-x509-line");
        ok(opendps(server, "enrollment-group", "create", "--group-id", "agent-mqtt-x509-group", "--certificate",
                pki.resolve("intermediate-ca.cert.pem").toString()));
        device(pki, "agent-mqtt-x509-1");

        Result registered = ok(opendps(server, withCertificate(pki, "agent-mqtt-x509-1", "--transport", "mqtt",
                "--endpoint", mqttEndpoint(server))));

        assertThat(field(registered, "connectionString"))
                .isEqualTo("HostName=localhost;DeviceId=agent-mqtt-x509-1;x509=true");
    }

    @Test
    void the_agent_polls_after_each_retry_after_until_the_operation_ends(@TempDir Path pollingData) throws Exception {
        // No single round trip: the first answer is always 202, with Retry-After 3 (the agent's default is 2).
        ProvisioningService.Settings defaults = ProvisioningService.Settings.DEFAULTS;
        try (TestServer polling = TestServer.start(TestServer.local(pollingData), new ProvisioningService.Settings(
                Duration.ZERO, 3, defaults.sasClockSkew(), defaults.assignmentThreads()))) {
            for (String transport : List.of("https", "mqtt")) {
                String id = "agent-polled-" + transport;
                String key = enroll(polling, id);
                long started = System.nanoTime();

                Result registered = ok(opendps(polling, "device", "register", "--registration-id", id, "--key", key,
                        "--transport", transport, "--endpoint", transport.equals("mqtt") ? mqttEndpoint(polling)
                                : "localhost:" + polling.httpsPort()));

                assertThat(Duration.ofNanos(System.nanoTime() - started)).as(transport)
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
                assertThat(field(registered, "status")).isEqualTo("assigned");
                assertThat(field(registered, "deviceId")).isEqualTo(id);
            }
        }
    }
}
