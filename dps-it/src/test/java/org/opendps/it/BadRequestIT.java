package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.Pem;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * Bad requests, one per row: each gets the right status and Azure errorCode with an Azure error body, and the
 * stored state is the same afterwards.
 */
class BadRequestIT {
    private static final String API = "?api-version=2021-10-01";
    private static final String SYM = "{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"\",\"secondaryKey\":\"\"}}";

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static String readOnlyKey;
    private static String snapshotBefore;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        // State that bad requests must leave alone: an enrollment, a group, and a policy without write rights.
        expect(server.sendAsOwner("PUT", "/enrollments/existing" + API, enrollment("existing", SYM)), 200);
        expect(server.sendAsOwner("PUT", "/enrollmentGroups/existing-group" + API,
                "{\"enrollmentGroupId\":\"existing-group\",\"attestation\":" + SYM + "}"), 200);
        readOnlyKey = SharedAccessSignatures.generateKey();
        expect(server.sendAsOwner("PUT", "/policies/reader" + API, "{\"keyName\":\"reader\",\"primaryKey\":\""
                + readOnlyKey + "\",\"secondaryKey\":\"" + SharedAccessSignatures.generateKey()
                + "\",\"rights\":\"EnrollmentRead, RegistrationStatusRead\"}"), 200);
        snapshotBefore = snapshot();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> badRequests() {
        String expiredCert = Pem.certificate(CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("old",
                Duration.ofDays(1)).withNotBefore(Instant.parse("2020-01-01T00:00:00Z"))).certificate());
        List<Arguments> rows = new ArrayList<>();
        rows.add(row("malformed JSON", "PUT", "/enrollments/dev-1", "{\"registrationId\":", 400, 400001));
        rows.add(row("body is an array", "PUT", "/enrollments/dev-1", "[]", 400, 400001));
        rows.add(row("nested 100 deep", "PUT", "/enrollments/dev-1", "[".repeat(100) + "]".repeat(100), 400, 400001));
        rows.add(row("registrationId a number", "PUT", "/enrollments/dev-1",
                "{\"registrationId\":1,\"attestation\":" + SYM + "}", 400, 400004));
        rows.add(row("registrationId of 129 chars", "PUT", "/enrollments/" + "a".repeat(129),
                enrollment("a".repeat(129), SYM), 400, 400005));
        rows.add(row("registrationId with illegal characters", "PUT", "/enrollments/bad!id",
                enrollment("bad!id", SYM), 400, 400005));
        rows.add(row("registrationId ending in a dot", "PUT", "/enrollments/dev.", enrollment("dev.", SYM), 400, 400005));
        rows.add(row("path and body ids differ", "PUT", "/enrollments/dev-1", enrollment("dev-2", SYM), 400, 400004));
        rows.add(row("attestation missing", "PUT", "/enrollments/dev-1", "{\"registrationId\":\"dev-1\"}", 400, 400004));
        rows.add(row("unknown attestation type", "PUT", "/enrollments/dev-1",
                enrollment("dev-1", "{\"type\":\"magic\"}"), 400, 400004));
        rows.add(row("symmetric key not base64", "PUT", "/enrollments/dev-1", enrollment("dev-1",
                "{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"not base64!\",\"secondaryKey\":\"\"}}"),
                400, 400004));
        rows.add(row("symmetric key of 4 bytes", "PUT", "/enrollments/dev-1", enrollment("dev-1",
                "{\"type\":\"symmetricKey\",\"symmetricKey\":{\"primaryKey\":\"AAAAAA==\",\"secondaryKey\":\"\"}}"),
                400, 400004));
        rows.add(row("tpm without endorsement key", "PUT", "/enrollments/dev-1",
                enrollment("dev-1", "{\"type\":\"tpm\",\"tpm\":{}}"), 400, 400004));
        rows.add(row("tpm endorsement key not base64", "PUT", "/enrollments/dev-1",
                enrollment("dev-1", "{\"type\":\"tpm\",\"tpm\":{\"endorsementKey\":\"%%%\"}}"), 400, 400004));
        rows.add(row("certificate that is not one", "PUT", "/enrollments/dev-1", enrollment("dev-1",
                "{\"type\":\"x509\",\"x509\":{\"clientCertificates\":{\"primary\":{\"certificate\":\""
                        + Base64.getEncoder().encodeToString("garbage".getBytes()) + "\"}}}}"), 400, 400006));
        rows.add(row("x509 with two kinds", "PUT", "/enrollments/dev-1", enrollment("dev-1",
                "{\"type\":\"x509\",\"x509\":{\"clientCertificates\":{\"primary\":{\"certificate\":\"x\"}},"
                        + "\"caReferences\":{\"primary\":\"ca\"}}}"), 400, 400004));
        rows.add(row("group with client certificates", "PUT", "/enrollmentGroups/g-1",
                "{\"enrollmentGroupId\":\"g-1\",\"attestation\":{\"type\":\"x509\",\"x509\":{\"clientCertificates\":"
                        + "{\"primary\":{\"certificate\":" + json(expiredCert) + "}}}}}", 400, 400004));
        rows.add(row("group with tpm", "PUT", "/enrollmentGroups/g-1",
                "{\"enrollmentGroupId\":\"g-1\",\"attestation\":{\"type\":\"tpm\",\"tpm\":{\"endorsementKey\":\"AAAA\"}}}",
                400, 400004));
        rows.add(row("unknown provisioningStatus", "PUT", "/enrollments/dev-1",
                enrollment("dev-1", SYM, "\"provisioningStatus\":\"paused\""), 400, 400004));
        rows.add(row("reprovisionPolicy flag a string", "PUT", "/enrollments/dev-1", enrollment("dev-1", SYM,
                "\"reprovisionPolicy\":{\"updateHubAssignment\":\"yes\",\"migrateDeviceData\":true}"), 400, 400004));
        rows.add(row("iotEdge a string", "PUT", "/enrollments/dev-1",
                enrollment("dev-1", SYM, "\"capabilities\":{\"iotEdge\":\"true\"}"), 400, 400004));
        rows.add(row("iotHubs not an array", "PUT", "/enrollments/dev-1",
                enrollment("dev-1", SYM, "\"iotHubs\":\"hub-1\""), 400, 400004));
        rows.add(row("custom allocation without webhook", "PUT", "/enrollments/dev-1",
                enrollment("dev-1", SYM, "\"allocationPolicy\":\"custom\""), 400, 400004));
        rows.add(row("webhook that is not a URL", "PUT", "/enrollments/dev-1", enrollment("dev-1", SYM,
                "\"allocationPolicy\":\"custom\",\"customAllocationDefinition\":{\"webhookUrl\":\"not a url\","
                        + "\"apiVersion\":\"2021-10-01\"}"), 400, 400004));
        rows.add(row("initialTwin an array", "PUT", "/enrollments/dev-1",
                enrollment("dev-1", SYM, "\"initialTwin\":[]"), 400, 400004));
        rows.add(row("deviceId with illegal characters", "PUT", "/enrollments/dev-1",
                enrollment("dev-1", SYM, "\"deviceId\":\"a b\""), 400, 400005));
        rows.add(row("body over the limit", "PUT", "/enrollments/dev-1",
                enrollment("dev-1", SYM, "\"deviceId\":\"" + "a".repeat(300_000) + "\""), 413, 413000));
        rows.add(row("text/plain body", "PUT", "/enrollments/dev-1", enrollment("dev-1", SYM), 415, 415000,
                "Content-Type", "text/plain"));
        rows.add(row("query that is not SELECT", "POST", "/enrollments/query", "{\"query\":\"DELETE FROM enrollments\"}",
                400, 400007));
        rows.add(row("query on an unknown field", "POST", "/enrollments/query",
                "{\"query\":\"SELECT * FROM enrollments WHERE secret = 'x'\"}", 400, 400007));
        rows.add(row("bad continuation token", "POST", "/enrollments/query", "{\"query\":\"SELECT *\"}", 400, 400007,
                "x-ms-continuation", "%%%not-a-token"));
        rows.add(row("bulk with unknown mode", "POST", "/enrollments",
                "{\"mode\":\"explode\",\"enrollments\":[" + enrollment("dev-1", SYM) + "]}", 400, 400004));
        rows.add(row("bulk with no items", "POST", "/enrollments", "{\"mode\":\"create\",\"enrollments\":[]}", 400, 400008));
        rows.add(row("create of an existing id", "PUT", "/enrollments/existing", enrollment("existing", SYM), 409, 409201));
        rows.add(row("stale If-Match", "PUT", "/enrollments/existing", enrollment("existing", SYM), 412, 412002,
                "If-Match", "\"0-1\""));
        rows.add(row("delete with stale If-Match", "DELETE", "/enrollments/existing", null, 412, 412002,
                "If-Match", "\"0-1\""));
        rows.add(row("missing enrollment", "GET", "/enrollments/nobody", null, 404, 404201));
        rows.add(row("missing group", "GET", "/enrollmentGroups/nobody", null, 404, 404202));
        rows.add(row("missing registration", "GET", "/registrations/nobody", null, 404, 404203));
        rows.add(row("unknown route", "GET", "/nothing/here", null, 404, 404000));
        rows.add(row("method not allowed", "PATCH", "/enrollments/existing", enrollment("existing", SYM), 405, 405000));
        rows.add(row("deleting the last admin policy", "DELETE", "/policies/provisioningserviceowner", null, 409, 409000));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void bad_request_is_refused_with_azure_error_and_changes_nothing(String name, String method, String path,
            String body, int status, int errorCode, String[] headers) throws Exception {
        HttpResponse<String> response = server.sendAsOwner(method, path + API, body, headers);

        assertRefused(response, status, errorCode);
        assertThat(snapshot()).isEqualTo(snapshotBefore);
    }

    static Stream<Arguments> badCredentials() {
        Instant hour = Instant.now().plusSeconds(3600);
        return Stream.of(
                Arguments.of("no Authorization", null, 401, 401000),
                Arguments.of("expired token", server.token(server.owner().keyName(), server.owner().key(),
                        Instant.now().minusSeconds(3600)), 401, 401003),
                Arguments.of("signed with another key", server.token(server.owner().keyName(),
                        SharedAccessSignatures.generateKey(), hour), 401, 401001),
                Arguments.of("unknown policy", server.token("nobody", server.owner().key(), hour), 401, 401001),
                Arguments.of("token for another host", SharedAccessSignatures.createToken("other.example.com",
                        server.owner().keyName(), server.owner().key(), hour.getEpochSecond()), 401, 401001),
                Arguments.of("not a SharedAccessSignature", "Bearer abc", 401, 401001),
                Arguments.of("token without signature", "SharedAccessSignature sr=localhost&se=9999999999&skn=x", 401,
                        401001),
                Arguments.of("policy without EnrollmentWrite", server.token("reader", readOnlyKey, hour), 401, 401004));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCredentials")
    void bad_credentials_are_refused_with_401_and_change_nothing(String name, String authorization, int status,
            int errorCode) throws Exception {
        HttpResponse<String> response = server.send("PUT", "/enrollments/intruder" + API,
                enrollment("intruder", SYM), authorization);

        assertRefused(response, status, errorCode);
        assertThat(snapshot()).isEqualTo(snapshotBefore);
    }

    @Test
    void invalid_utf8_is_refused_as_bad_json() throws Exception {
        byte[] body = ("{\"registrationId\":\"dev-1\",\"deviceId\":\"X\",\"attestation\":" + SYM + "}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int x = new String(body, java.nio.charset.StandardCharsets.UTF_8).indexOf('X');
        body[x] = (byte) 0xFF; // a byte that never occurs in UTF-8
        HttpResponse<String> response = server.sendBytes("PUT", "/enrollments/dev-1" + API, body);

        assertRefused(response, 400, 400001);
        assertThat(snapshot()).isEqualTo(snapshotBefore);
    }

    @Test
    void a_read_only_policy_may_read() throws Exception {
        HttpResponse<String> response = server.send("GET", "/enrollments/existing" + API, null,
                server.token("reader", readOnlyKey, Instant.now().plusSeconds(60)));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    private static void assertRefused(HttpResponse<String> response, int status, int errorCode) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("x-ms-error-code")).hasValue(String.valueOf(errorCode));
        assertThat(response.body())
                .contains("\"errorCode\":" + errorCode)
                .contains("\"trackingId\":\"")
                .contains("\"message\":\"")
                .contains("\"timestampUtc\":\"");
    }

    /** Everything a bad request could have touched, as the service API shows it (keys included). */
    private static String snapshot() throws Exception {
        return server.serviceApiView()
                + server.sendAsOwner("POST", "/enrollments/existing/attestationmechanism" + API, "{}").body();
    }

    private static Arguments row(String name, String method, String path, String body, int status, int errorCode,
            String... headers) {
        return Arguments.of(name, method, path, body, status, errorCode, headers);
    }

    private static String enrollment(String id, String attestation, String... extra) {
        return "{\"registrationId\":\"" + id + "\",\"attestation\":" + attestation
                + (extra.length == 0 ? "" : "," + String.join(",", extra)) + "}";
    }

    private static String json(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }
}
