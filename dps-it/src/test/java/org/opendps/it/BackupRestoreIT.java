package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.app.Main;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.core.security.SharedAccessSignatures;
import picocli.CommandLine;

/**
 * {@code opendps backup} while the server runs, {@code opendps restore} into a fresh data directory, and a server
 * started there: every enrollment, group, registration, key, policy, hub and CA certificate is the same, and the
 * keys of the first server work on the second.
 */
class BackupRestoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "?api-version=2021-10-01";
    /** What the service API shows of an instance's state, keys included. */
    private static final List<String[]> STATE = List.of(
            new String[] {"POST", "/enrollments/query", "{\"query\":\"SELECT *\"}"},
            new String[] {"POST", "/enrollmentGroups/query", "{\"query\":\"SELECT *\"}"},
            new String[] {"POST", "/registrations/query", "{\"query\":\"SELECT *\"}"},
            new String[] {"POST", "/enrollments/backed-up-1/attestationmechanism", null},
            new String[] {"POST", "/enrollmentGroups/backed-up-group/attestationmechanism", null},
            new String[] {"GET", "/registrations/backed-up-1", null},
            new String[] {"GET", "/policies", null},
            new String[] {"GET", "/linkedHubs", null},
            new String[] {"GET", "/properties", null},
            new String[] {"GET", "/certificates", null},
            new String[] {"GET", "/auditLog", null});

    @TempDir
    Path original;

    @TempDir
    Path fresh;

    @TempDir
    Path backups;

    record Result(int exitCode, String out, String err) {}

    @Test
    void a_backup_taken_while_serving_restores_every_resource_and_key_into_a_fresh_data_directory()
            throws Exception {
        Path backup = backups.resolve("opendps-backup.db");
        Map<String, String> before;
        String ownerConnection;
        String hubConnection;
        try (TestServer server = TestServer.startWithBuiltInHubs(original)) {
            populate(server);
            before = state(server);
            ownerConnection = server.info().serviceConnectionString();
            hubConnection = server.info().hubs().get(0).connectionString();

            Result backedUp = opendps("backup", backup.toString(), "--data-dir", original.toString());
            assertThat(backedUp.exitCode()).as(backedUp.toString()).isZero();
            assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(PosixFilePermissions.fromString("rw-------"));

            Result again = opendps("backup", backup.toString(), "--data-dir", original.toString());
            assertThat(again.exitCode()).isEqualTo(4);
            assertThat(again.err()).contains("exists; pass --force");
            Result underServer = opendps("restore", backup.toString(), "--data-dir", original.toString(), "--force");
            assertThat(underServer.exitCode()).isEqualTo(4);
            assertThat(underServer.err()).contains("server is running");
        }

        Result restored = opendps("restore", backup.toString(), "--data-dir", fresh.toString());
        assertThat(restored.exitCode()).as(restored.toString()).isZero();
        assertThat(Files.getPosixFilePermissions(fresh.resolve("opendps.db")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));

        try (TestServer server = TestServer.startWithBuiltInHubs(fresh)) {
            assertThat(server.info().serviceConnectionString()).isEqualTo(ownerConnection);
            assertThat(server.info().hubs().get(0).connectionString()).isEqualTo(hubConnection);
            assertThat(state(server)).isEqualTo(before);
            JsonNode again = new DeviceCalls(server).register("backed-up-1", before.get("key"), null);
            assertThat(again.path("registrationState").path("deviceId").asText()).isEqualTo("backed-up-1");
            assertThat(again.path("registrationState").path("assignedHub").asText())
                    .isEqualTo(before.get("assignedHub"));
        }
    }

    @Test
    void a_postgresql_url_is_refused_with_where_to_look() {
        Result result = opendps("backup", backups.resolve("x.db").toString(), "--database-url",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("pg_dump").contains("docs/reliability.md");
        assertThat(backups.resolve("x.db")).doesNotExist();
    }

    private static void populate(TestServer server) throws Exception {
        String key = SharedAccessSignatures.generateKey();
        expect(server.sendAsOwner("PUT", "/enrollments/backed-up-1" + API, "{\"registrationId\":\"backed-up-1\","
                + "\"attestation\":{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"" + key
                + "\",\"secondaryKey\":\"" + SharedAccessSignatures.generateKey() + "\"}}}"), 200);
        expect(server.sendAsOwner("PUT", "/enrollmentGroups/backed-up-group" + API,
                "{\"enrollmentGroupId\":\"backed-up-group\",\"attestation\":{\"type\":\"symmetricKey\"}}"), 200);
        expect(server.sendAsOwner("PUT", "/policies/backed-up-reader" + API,
                "{\"keyName\":\"backed-up-reader\",\"rights\":\"EnrollmentRead\"}"), 200);
        IssuedCertificate root = CertificateIssuer.selfSigned(
                CertificateIssuer.Request.ca("Backed-up root", java.time.Duration.ofDays(1)));
        expect(server.sendAsOwner("PUT", "/certificates/backed-up-root" + API, "{\"properties\":{\"certificate\":\""
                + Base64.getEncoder().encodeToString(root.certificate().getEncoded()) + "\"}}"), 200);
        new DeviceCalls(server).register("backed-up-1", key, null);
    }

    /** Every answer, by request; plus the device key and hub, for registering again. */
    private static Map<String, String> state(TestServer server) throws Exception {
        Map<String, String> state = new LinkedHashMap<>();
        for (String[] call : STATE) {
            state.put(call[0] + " " + call[1], expect(server.sendAsOwner(call[0], call[1] + API, call[2]), 200));
        }
        JsonNode mechanism = JSON.readTree(state.get("POST /enrollments/backed-up-1/attestationmechanism"));
        state.put("key", mechanism.path("symmetricKey").path("primaryKey").asText());
        state.put("assignedHub", JSON.readTree(state.get("GET /registrations/backed-up-1")).path("assignedHub")
                .asText());
        assertThat(state.get("key")).isNotEmpty();
        assertThat(state.get("assignedHub")).isNotEmpty();
        return state;
    }

    private static String expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private static Result opendps(String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return new Result(commandLine.execute(args), out.toString(), err.toString());
    }
}
