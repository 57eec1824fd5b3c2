package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.CertificateIssuer.Request;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.core.security.SharedAccessSignatures;

/**
 * The CA certificate admin API over HTTPS ({@code /certificates}, ARM's shapes, protocol/dps-service.md §8): the
 * resource as ARM writes it, and every refusal with its status and error code, with nothing changed.
 */
class CertificateApiIT {
    private static final String API = "?api-version=2021-10-01";
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static IssuedCertificate root;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
        root = CertificateIssuer.selfSigned(Request.ca("API Root", DAY));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void upload_answers_arm_shape_with_rfc_1123_dates_and_upper_case_sha1() throws Exception {
        String der = Base64.getEncoder().encodeToString(root.certificate().getEncoded());
        JsonNode certificate = json(expect(owner("PUT", "/certificates/Api-Root",
                "{\"properties\":{\"certificate\":\"" + der + "\"}}"), 200));

        assertThat(certificate.path("name").asText()).isEqualTo("Api-Root");
        assertThat(certificate.path("id").asText()).isEqualTo("/certificates/Api-Root");
        assertThat(certificate.path("type").asText()).isEqualTo("Microsoft.Devices/provisioningServices/Certificates");
        assertThat(certificate.path("etag").asText()).startsWith("\"");
        JsonNode properties = certificate.path("properties");
        assertThat(properties.path("subject").asText()).isEqualTo("CN=API Root");
        assertThat(properties.path("thumbprint").asText()).isEqualTo(HexFormat.of().withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-1").digest(root.certificate().getEncoded())));
        assertThat(properties.path("expiry").asText()).isEqualTo(DateTimeFormatter.RFC_1123_DATE_TIME
                .withZone(ZoneOffset.UTC).format(root.certificate().getNotAfter().toInstant()));
        assertThat(properties.path("created").asText()).endsWith(" GMT");
        assertThat(properties.path("isVerified").asBoolean()).isFalse();
        assertThat(properties.path("certificate").asText()).isEqualTo(der);
        assertThat(properties.has("verificationCode")).isFalse();

        JsonNode listed = json(expect(owner("GET", "/certificates", null), 200));
        assertThat(listed.path("value").findValuesAsText("name")).contains("Api-Root");
        assertThat(json(expect(owner("GET", "/certificates/api-root", null), 200))).isEqualTo(certificate);
        expect(owner("DELETE", "/certificates/api-root", null, "If-Match", certificate.path("etag").asText()), 204);
        assertRefused(owner("GET", "/certificates/api-root", null), 404, 404207);
    }

    @Test
    void bad_uploads_are_refused_and_store_nothing() throws Exception {
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("api-device", DAY, List.of()), root);
        assertRefused(owner("PUT", "/certificates/bad", "{\"properties\":{\"certificate\":\"bm90IGEgY2VydA==\"}}"),
                400, 400006);
        assertRefused(owner("PUT", "/certificates/bad", "{\"properties\":{\"certificate\":\"" + pemJson(leaf)
                + "\"}}"), 400, 400006, "not a CA certificate");
        assertRefused(owner("PUT", "/certificates/bad", "{\"properties\":{}}"), 400, 400004);
        assertRefused(owner("PUT", "/certificates/bad", "{\"properties\":{\"certificate\":\"" + pemJson(root)
                + "\",\"isVerified\":\"yes\"}}"), 400, 400004);
        assertRefused(owner("PUT", "/certificates/bad", "not json"), 400, 400001);
        assertRefused(owner("GET", "/certificates/bad", null), 404, 404207);
    }

    @Test
    void verification_needs_the_etag_the_code_and_the_ca_key() throws Exception {
        JsonNode uploaded = json(expect(owner("PUT", "/certificates/api-proof",
                "{\"properties\":{\"certificate\":\"" + pemJson(root) + "\"}}"), 200));
        String etag = uploaded.path("etag").asText();
        assertRefused(owner("POST", "/certificates/api-proof/verify", proofBody(root, "ANY"), "If-Match", etag),
                400, 400010);
        assertRefused(owner("POST", "/certificates/api-proof/generateVerificationCode", null), 412, 412002);
        assertRefused(owner("POST", "/certificates/api-proof/generateVerificationCode", null, "If-Match",
                "\"0-9\""), 412, 412002);

        JsonNode pending = json(expect(owner("POST", "/certificates/api-proof/generateVerificationCode", null,
                "If-Match", etag), 200));
        String code = pending.path("properties").path("verificationCode").asText();
        String pendingEtag = pending.path("etag").asText();
        IssuedCertificate impostor = CertificateIssuer.selfSigned(Request.ca("API Root", DAY));
        assertRefused(owner("POST", "/certificates/api-proof/verify", proofBody(root, code), "If-Match", etag),
                412, 412002);
        assertRefused(owner("POST", "/certificates/api-proof/verify", proofBody(impostor, code), "If-Match",
                pendingEtag), 400, 400009);
        assertRefused(owner("POST", "/certificates/api-proof/verify", proofBody(root, "0" + code), "If-Match",
                pendingEtag), 400, 400009);
        assertThat(json(expect(owner("GET", "/certificates/api-proof", null), 200)).path("properties")
                .path("isVerified").asBoolean()).isFalse();

        JsonNode verified = json(expect(owner("POST", "/certificates/api-proof/verify", proofBody(root, code),
                "If-Match", pendingEtag), 200));
        assertThat(verified.path("properties").path("isVerified").asBoolean()).isTrue();
    }

    @Test
    void a_policy_without_service_config_may_not_touch_certificates() throws Exception {
        String readerKey = SharedAccessSignatures.generateKey();
        expect(owner("PUT", "/policies/cert-reader", "{\"keyName\":\"cert-reader\",\"primaryKey\":\"" + readerKey
                + "\",\"rights\":\"EnrollmentRead, EnrollmentWrite\"}"), 200);
        String token = server.token("cert-reader", readerKey, Instant.now().plusSeconds(600));

        assertRefused(server.send("GET", "/certificates" + API, null, token), 401, 401004);
        assertRefused(server.send("PUT", "/certificates/sneaky" + API, "{\"properties\":{\"certificate\":\""
                + pemJson(root) + "\",\"isVerified\":true}}", token), 401, 401004);
        assertRefused(server.send("GET", "/certificates" + API, null, null), 401, 401000);
        assertRefused(owner("GET", "/certificates/sneaky", null), 404, 404207);
    }

    private static String proofBody(IssuedCertificate ca, String code) {
        IssuedCertificate proof = CertificateIssuer.issue(Request.leaf(code, DAY, List.of()), ca);
        return "{\"certificate\":\"" + pemJson(proof) + "\"}";
    }

    private static String pemJson(IssuedCertificate certificate) {
        return Pem.certificate(certificate.certificate()).replace("\n", "\\n");
    }

    private static HttpResponse<String> owner(String method, String path, String body, String... headers)
            throws Exception {
        return server.sendAsOwner(method, path + API, body, headers);
    }

    private static String expect(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private static void assertRefused(HttpResponse<String> response, int status, int errorCode, String... parts) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("x-ms-error-code")).hasValue(String.valueOf(errorCode));
        assertThat(response.body()).contains("\"errorCode\":" + errorCode);
        for (String part : parts) {
            assertThat(response.body()).contains(part);
        }
    }

    private static JsonNode json(String text) throws Exception {
        return DeviceCalls.json(text);
    }
}
