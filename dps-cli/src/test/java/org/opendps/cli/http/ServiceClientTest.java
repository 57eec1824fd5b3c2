package org.opendps.cli.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.StubServiceApi;
import org.opendps.cli.connection.Connection;
import org.opendps.core.security.SasToken;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.wire.sas.SasTokenParser;

class ServiceClientTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private StubServiceApi stub;

    @BeforeEach
    void start() throws Exception {
        stub = new StubServiceApi();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private ServiceClient client(String endpoint) {
        Connection connection = new Connection(URI.create(endpoint), "dps.example:8443", "policy-1",
                StubServiceApi.KEY, null);
        return new ServiceClient(connection, HttpClient.newHttpClient(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private ServiceClient client() {
        return client(stub.connection()[3]);
    }

    @Test
    void signs_every_request_for_the_host_name_for_an_hour_and_adds_the_api_version() {
        stub.answer(200, "{}");

        client().get(ServiceClient.path("enrollments", "dev:1"));

        StubServiceApi.Request request = stub.requests().get(0);
        assertThat(request.path()).isEqualTo("/enrollments/dev%3A1");
        assertThat(request.query()).isEqualTo("api-version=2021-10-01");
        SasToken token = SasTokenParser.parse(request.header("Authorization"));
        assertThat(SharedAccessSignatures.isSignedWith(token, StubServiceApi.KEY)).isTrue();
        assertThat(token.resourceUri()).isEqualTo("dps.example%3A8443");
        assertThat(token.keyName()).isEqualTo("policy-1");
        assertThat(token.expiry()).isEqualTo(NOW.getEpochSecond() + 3600);
    }

    @Test
    void sends_if_match_only_when_given_and_json_bodies_as_json() {
        stub.answer(200, "{}").answer(204, null).answer(204, null);

        client().put("/enrollments/a", "{\"x\":1}".getBytes(), "\"etag-1\"");
        client().delete("/enrollments/a", null);
        client().delete("/enrollments/a", "*");

        assertThat(stub.requests().get(0).header("If-Match")).isEqualTo("\"etag-1\"");
        assertThat(stub.requests().get(0).header("Content-Type")).startsWith("application/json");
        assertThat(stub.requests().get(0).body()).isEqualTo("{\"x\":1}");
        assertThat(stub.requests().get(1).header("If-Match")).isNull();
        assertThat(stub.requests().get(2).header("If-Match")).isEqualTo("*");
    }

    @Test
    void an_error_body_becomes_its_message_and_code_with_the_exit_code_of_the_status() {
        stub.answer(404, "{\"errorCode\":404201,\"trackingId\":\"t\",\"message\":\"Enrollment 'a' was not found.\"}");

        assertThatThrownBy(() -> client().get("/enrollments/a"))
                .isInstanceOfSatisfying(CliException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_FOUND))
                .hasMessage("Enrollment 'a' was not found. (errorCode 404201)");
    }

    @Test
    void an_answer_without_an_error_body_is_described_by_its_status() {
        stub.answer(502, null).answer(401, "<html>no</html>");

        assertThatThrownBy(() -> client().get("/x"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER))
                .hasMessage("the server answered HTTP 502");
        assertThatThrownBy(() -> client().get("/x"))
                .isInstanceOfSatisfying(CliException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.UNAUTHORIZED))
                .hasMessage("the server answered HTTP 401 (not authorized)");
    }

    @Test
    void a_server_that_does_not_listen_is_unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + port;

        assertThatThrownBy(() -> client(endpoint).get("/x"))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER))
                .hasMessageContaining("cannot connect to " + endpoint);
    }

    @Test
    void a_server_whose_ca_is_not_trusted_fails_the_tls_handshake_and_the_message_names_the_fix() throws Exception {
        try (TlsStub tls = new TlsStub()) {
            assertThatThrownBy(() -> ServiceClient.open(connection(tls.endpoint(), null)).get("/x"))
                    .isInstanceOfSatisfying(CliException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SERVER))
                    .hasMessageContaining("TLS handshake with " + tls.endpoint() + " failed")
                    .hasMessageContaining("--ca-certificate");
        }
    }

    @Test
    void a_ca_certificate_file_is_trusted(@TempDir Path dir) throws Exception {
        try (TlsStub tls = new TlsStub()) {
            ServiceResponse response = ServiceClient.open(connection(tls.endpoint(), tls.writeCa(dir))).get("/x");

            assertThat(response.status()).isEqualTo(200);
        }
    }

    @Test
    void an_unreadable_ca_certificate_is_a_local_problem(@TempDir Path dir) throws Exception {
        Path notPem = Files.writeString(dir.resolve("ca.pem"), "nope");

        assertThatThrownBy(() -> ServiceClient.open(connection("https://127.0.0.1:1", notPem)))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.LOCAL))
                .hasMessageContaining("cannot read CA certificate");
        assertThatThrownBy(() -> ServiceClient.open(connection("https://127.0.0.1:1", dir.resolve("missing.pem"))))
                .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.LOCAL))
                .hasMessageContaining("does not exist");
    }

    private static Connection connection(String endpoint, Path ca) {
        return new Connection(URI.create(endpoint), "localhost", "p", StubServiceApi.KEY, ca);
    }

    @Test
    void query_pages_are_followed_until_no_continuation_and_max_stops_early() {
        stub.answer(200, "[{\"n\":1},{\"n\":2}]", Map.of("x-ms-continuation", "page-2"))
                .answer(200, "[{\"n\":3}]")
                .answer(200, "[{\"n\":1},{\"n\":2}]", Map.of("x-ms-continuation", "page-2"));

        assertThat(QueryPager.fetch(client(), "/enrollments/query", "{}".getBytes(), 2, null)).hasSize(3);
        assertThat(QueryPager.fetch(client(), "/enrollments/query", "{}".getBytes(), 2, 2)).hasSize(2);

        assertThat(stub.requests()).hasSize(3);
        assertThat(stub.requests().get(0).header("x-ms-max-item-count")).isEqualTo("2");
        assertThat(stub.requests().get(0).header("x-ms-continuation")).isNull();
        assertThat(stub.requests().get(1).header("x-ms-continuation")).isEqualTo("page-2");
    }
}
