package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.cli.OpenDpsCommand;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.wire.json.EnrollmentJson;
import org.opendps.wire.json.PolicyJson;
import picocli.CommandLine;

/**
 * The {@code opendps} client commands, in-process, against a real OpenDPS over TLS: found through the
 * connection-info.json the server wrote, or through a connection string.
 */
class CliIT {
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

    /** {@code opendps ARGS --connection-info <the server's>}. */
    private static Result opendps(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--connection-string") && !all.get(0).equals("key")) {
            all.add("--connection-info");
            all.add(dataDir.resolve("connection-info.json").toString());
        }
        return run(all.toArray(String[]::new));
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

    static Result ok(Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    static String field(Result result, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " +(\\S.*)$").matcher(result.out());
        assertThat(m.find()).as(name + " in\n" + result.out()).isTrue();
        return m.group(1).strip();
    }

    @Test
    void enrollment_create_show_list_update_delete() {
        Result created = ok(opendps("enrollment", "create", "--registration-id", "cli-dev-1", "--device-id",
                "cli-device-one", "--initial-twin", "{\"tags\":{\"floor\":\"3\"}}", "--reprovision", "reset"));
        String primary = field(created, "primaryKey");
        assertThat(Base64.getDecoder().decode(primary)).hasSize(64);
        assertThat(field(created, "deviceId")).isEqualTo("cli-device-one");
        assertThat(field(created, "reprovision")).startsWith("reset");

        Result shown = ok(opendps("enrollment", "show", "--registration-id", "cli-dev-1"));
        assertThat(shown.out()).doesNotContain(primary).contains("hidden (--show-keys shows them)");
        Result withKeys = ok(opendps("enrollment", "show", "--registration-id", "cli-dev-1", "--show-keys"));
        assertThat(field(withKeys, "primaryKey")).isEqualTo(primary);

        Result updated = ok(opendps("enrollment", "update", "--registration-id", "cli-dev-1", "--disabled",
                "--edge"));
        assertThat(field(updated, "provisioningStatus")).isEqualTo("disabled");
        assertThat(field(updated, "iotEdge")).isEqualTo("true");
        assertThat(field(updated, "initialTwin")).isEqualTo("{\"tags\":{\"floor\":\"3\"}}");
        Result keysKept = ok(opendps("enrollment", "show", "--registration-id", "cli-dev-1", "--show-keys"));
        assertThat(field(keysKept, "primaryKey")).isEqualTo(primary);

        Result disabled = ok(opendps("enrollment", "list", "--where", "provisioningStatus='disabled'"));
        assertThat(disabled.out()).contains("cli-dev-1");
        ok(opendps("enrollment", "delete", "--registration-id", "cli-dev-1"));
        assertThat(opendps("enrollment", "show", "--registration-id", "cli-dev-1").exitCode()).isEqualTo(3);
    }

    @Test
    void list_follows_pages_and_max_stops_early() {
        for (int i = 0; i < 5; i++) {
            ok(opendps("enrollment", "create", "--registration-id", "cli-page-" + i));
        }

        Result all = ok(opendps("enrollment", "list", "--where", "attestation.type='symmetricKey'", "--page-size",
                "2", "-o", "json"));
        Result three = ok(opendps("enrollment", "list", "--page-size", "2", "--max", "3"));

        List<String> ids = EnrollmentJson.readEnrollments(all.out().getBytes(StandardCharsets.UTF_8)).stream()
                .map(d -> d.item().registrationId()).toList();
        assertThat(ids).contains("cli-page-0", "cli-page-1", "cli-page-2", "cli-page-3", "cli-page-4");
        assertThat(three.out().lines()).hasSize(4); // heading and three rows
    }

    @Test
    void output_json_is_the_servers_enrollment_with_the_keys_after_create() {
        Result created = ok(opendps("enrollment", "create", "--registration-id", "cli-json-1", "--output", "json"));

        IndividualEnrollment enrollment = EnrollmentJson.readEnrollment(created.out().getBytes(StandardCharsets.UTF_8))
                .item();
        assertThat(enrollment.registrationId()).isEqualTo("cli-json-1");
        assertThat(((SymmetricKeyAttestation) enrollment.attestation()).hasKeys()).isTrue();
        assertThat(enrollment.revision()).isNotNull();
    }

    @Test
    void creating_a_taken_id_and_updating_with_a_stale_etag_exit_4() {
        Result created = ok(opendps("enrollment", "create", "--registration-id", "cli-conflict"));
        String etag = field(created, "etag");
        ok(opendps("enrollment", "update", "--registration-id", "cli-conflict", "--no-edge"));

        Result again = opendps("enrollment", "create", "--registration-id", "cli-conflict");
        Result stale = opendps("enrollment", "update", "--registration-id", "cli-conflict", "--edge", "--etag", etag);
        Result staleDelete = opendps("enrollment", "delete", "--registration-id", "cli-conflict", "--etag", etag);

        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.err()).matches("error: .+ \\(errorCode 409\\d{3}\\)\\n");
        assertThat(stale.exitCode()).isEqualTo(4);
        assertThat(stale.err()).contains("(errorCode 412");
        assertThat(staleDelete.exitCode()).isEqualTo(4);
        ok(opendps("enrollment", "update", "--registration-id", "cli-conflict", "--edge", "--force"));
    }

    @Test
    void x509_enrollment_and_group_from_certificate_files() throws Exception {
        IssuedCertificate ca = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("CLI Test CA",
                Duration.ofDays(2)));
        IssuedCertificate device = CertificateIssuer.issue(CertificateIssuer.Request.leaf("cli-x509-dev",
                Duration.ofDays(1), List.of()), ca);
        Path devicePem = Files.writeString(files.resolve("device.pem"), Pem.certificate(device.certificate()));
        Path caDer = Files.write(files.resolve("ca.der"), ca.certificate().getEncoded());

        Result enrollment = ok(opendps("enrollment", "create", "--registration-id", "cli-x509-dev",
                "--certificate", devicePem.toString()));
        Result group = ok(opendps("enrollment-group", "create", "--group-id", "cli-x509-group", "--certificate",
                caDer.toString(), "--allocation-policy", "hashed"));

        assertThat(field(enrollment, "attestation")).isEqualTo("x509 (clientCertificates)");
        assertThat(field(enrollment, "primary")).startsWith("CN=cli-x509-dev");
        assertThat(field(group, "attestation")).isEqualTo("x509 (signingCertificates)");
        assertThat(field(group, "primary")).startsWith("CN=CLI Test CA");
        Result updated = ok(opendps("enrollment-group", "update", "--group-id", "cli-x509-group", "--reprovision",
                "never"));
        assertThat(field(updated, "primary")).startsWith("CN=CLI Test CA"); // the certificate the server keeps
        assertThat(field(updated, "reprovision")).startsWith("never");
    }

    @Test
    void group_keys_and_key_derive() throws Exception {
        Result group = ok(opendps("enrollment-group", "create", "--group-id", "cli-sym-group"));
        String groupKey = field(group, "primaryKey");

        Result derived = ok(opendps("key", "derive", "--group-key", groupKey, "--registration-id", "dev-in-group"));
        Result json = ok(opendps("key", "derive", "--group-key", groupKey, "--registration-id", "dev-in-group",
                "-o", "json"));

        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(groupKey), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal("dev-in-group".getBytes(StandardCharsets.UTF_8)));
        assertThat(field(derived, "derivedKey")).isEqualTo(expected);
        assertThat(json.out()).contains("\"derivedKey\" : \"" + expected + "\"");
        Result groups = ok(opendps("enrollment-group", "list"));
        assertThat(groups.out()).contains("cli-sym-group");
        ok(opendps("enrollment-group", "delete", "--group-id", "cli-sym-group"));
        assertThat(opendps("enrollment-group", "show", "--group-id", "cli-sym-group").exitCode()).isEqualTo(3);
    }

    @Test
    void policies_grant_what_they_say_and_regenerated_keys_retire_the_old_ones() {
        Result created = ok(opendps("policy", "create", "cli-reader", "--rights",
                "EnrollmentRead,RegistrationStatusRead"));
        String readerCs = field(created, "connectionString");
        String ca = server.info().caCertificate();
        String endpoint = server.info().serviceEndpoint();

        ok(opendps("enrollment", "list", "--connection-string", readerCs, "--endpoint", endpoint,
                "--ca-certificate", ca));
        Result write = opendps("enrollment", "create", "--registration-id", "cli-denied", "--connection-string",
                readerCs, "--endpoint", endpoint, "--ca-certificate", ca);
        assertThat(write.exitCode()).isEqualTo(5);
        assertThat(write.err()).contains("EnrollmentWrite");

        Result listed = ok(opendps("policy", "list"));
        assertThat(listed.out()).contains("cli-reader").contains("provisioningserviceowner");
        SharedAccessPolicy shown = PolicyJson.read(ok(opendps("policy", "show", "cli-reader", "-o", "json")).out()
                .getBytes(StandardCharsets.UTF_8));
        ok(opendps("policy", "update", "cli-reader", "--regenerate-keys"));
        Result oldKey = opendps("enrollment", "list", "--connection-string", readerCs, "--endpoint", endpoint,
                "--ca-certificate", ca);
        assertThat(oldKey.exitCode()).isEqualTo(5);
        assertThat(oldKey.err()).doesNotContain(shown.primaryKey());

        ok(opendps("policy", "delete", "cli-reader"));
        assertThat(opendps("policy", "show", "cli-reader").exitCode()).isEqualTo(3);
    }

    @Test
    void a_connection_string_with_a_port_in_host_name_reaches_the_server_and_a_wrong_key_exits_5() {
        String hostAndPort = "localhost:" + server.httpsPort();
        String ca = server.info().caCertificate();
        String good = "HostName=" + hostAndPort + ";SharedAccessKeyName=" + server.owner().keyName()
                + ";SharedAccessKey=" + server.owner().key();
        String wrongKey = Base64.getEncoder().encodeToString(new byte[32]);
        String bad = "HostName=" + hostAndPort + ";SharedAccessKeyName=" + server.owner().keyName()
                + ";SharedAccessKey=" + wrongKey;

        ok(run("registration", "list", "--connection-string", good, "--ca-certificate", ca));
        Result denied = run("registration", "list", "--connection-string", bad, "--ca-certificate", ca);

        assertThat(denied.exitCode()).isEqualTo(5);
        assertThat(denied.err()).startsWith("error: ").contains("(errorCode 401").doesNotContain(wrongKey);
    }

    @Test
    void registrations_of_unknown_devices_are_not_found_and_the_lists_are_empty() {
        Result missing = opendps("registration", "show", "never-registered");
        Result groupList = ok(opendps("registration", "list", "--group", "no-such-group"));

        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.err()).contains("(errorCode 404");
        assertThat(groupList.out()).isEqualTo("No registrations.\n");
    }

    @Test
    void without_trusting_the_ca_or_a_listening_server_the_exit_code_is_7() {
        String cs = "HostName=localhost:" + server.httpsPort() + ";SharedAccessKeyName=x;SharedAccessKey="
                + server.owner().key();

        Result untrusted = run("enrollment", "list", "--connection-string", cs);
        Result unreachable = run("enrollment", "list", "--connection-string", cs, "--endpoint", "https://localhost:1");

        assertThat(untrusted.exitCode()).isEqualTo(7);
        assertThat(untrusted.err()).contains("TLS handshake").contains("--ca-certificate");
        assertThat(unreachable.exitCode()).isEqualTo(7);
        assertThat(unreachable.err()).contains("cannot connect");
    }
}
