package org.opendps.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.core.allocation.AllocationWebhook.Request;
import org.opendps.core.allocation.AllocationWebhook.Result;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.CustomAllocationDefinition;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.enrollment.ProvisioningStatus;
import org.opendps.core.enrollment.ReprovisionPolicy;
import org.opendps.core.enrollment.SymmetricKeyAttestation;
import org.opendps.core.error.DpsError;

/** One real POST per call against a local HTTP server, and Azure's outcome table as the service sees it. */
class HttpAllocationWebhookTest {
    private static final String PRIMARY_KEY = "cHJpbWFyeS1rZXktb2YtdGhlLWRldmljZS1wcmltYXJ5LWtleQ==";
    private static final String SECONDARY_KEY = "c2Vjb25kYXJ5LWtleS1vZi10aGUtZGV2aWNlLXNlY29uZGFyeQ==";
    private static final List<String> HUBS = List.of("hub-a.example.net", "hub-b.example.net");

    private final FakeWebhook webhook = FakeWebhook.http();
    private final HttpAllocationWebhook client = new HttpAllocationWebhook(Duration.ofSeconds(5), List.of());
    private final CustomAllocationDefinition definition =
            new CustomAllocationDefinition(webhook.url("/api/allocate?code=FUNCTION-KEY%3D%3D"), "2021-10-01");

    @AfterEach
    void stop() {
        webhook.close();
    }

    private Request request() {
        EnrollmentSettings settings = new EnrollmentSettings(false, null, null, ProvisioningStatus.ENABLED,
                ReprovisionPolicy.DEFAULT, AllocationPolicy.CUSTOM, HUBS, definition);
        IndividualEnrollment enrollment = new IndividualEnrollment("device-1", null,
                new SymmetricKeyAttestation(PRIMARY_KEY, SECONDARY_KEY), settings, null, null);
        return new Request(enrollment, null, "device-1", null, null, AttestationType.SYMMETRIC_KEY,
                new JsonText("{\"model\":\"toaster\"}"), HUBS);
    }

    private Result answer(int status, String body) {
        webhook.answers(status, body);
        return client.call(definition, request());
    }

    @Test
    void posts_the_allocation_request_to_the_url_with_its_query_string() throws IOException {
        answer(200, "{\"iotHubHostName\":\"hub-a.example.net\"}");

        FakeWebhook.Received received = webhook.last();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.pathAndQuery()).isEqualTo("/api/allocate?code=FUNCTION-KEY%3D%3D");
        assertThat(received.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(received.accept()).isEqualTo("application/json");
        assertThat(received.body()).doesNotContain(PRIMARY_KEY).doesNotContain(SECONDARY_KEY);
        JsonNode body = new ObjectMapper().readTree(received.body());
        assertThat(body.get("individualEnrollment").get("registrationId").asText()).isEqualTo("device-1");
        assertThat(body.get("individualEnrollment").get("attestation").toString())
                .isEqualTo("{\"type\":\"symmetricKey\"}");
        assertThat(body.get("deviceRuntimeContext").toString()).isEqualTo(
                "{\"registrationId\":\"device-1\",\"symmetricKey\":{},\"payload\":{\"model\":\"toaster\"}}");
        assertThat(body.get("linkedHubs").toString()).isEqualTo("[\"hub-a.example.net\",\"hub-b.example.net\"]");
    }

    @Test
    void ok_with_hub_twin_and_payload_allocates() {
        Result result = answer(200, "{\"iotHubHostName\":\"hub-b.example.net\","
                + "\"initialTwin\":{\"tags\":{\"kind\":\"toaster\"}},\"payload\":{\"slot\":7}}");

        assertThat(result).isEqualTo(new Result.Allocated("hub-b.example.net",
                new JsonText("{\"tags\":{\"kind\":\"toaster\"}}"), new JsonText("{\"slot\":7}")));
    }

    @Test
    void ok_without_a_hub_fails_with_400208() {
        assertThat(answer(200, "{\"iotHubHostName\":\"\"}")).isInstanceOfSatisfying(Result.Refused.class,
                r -> assertThat(r.error()).isEqualTo(DpsError.CUSTOM_ALLOCATION_IOTHUB_NOT_SPECIFIED));
    }

    @Test
    void unauthorized_fails_with_400209() {
        assertThat(answer(401, "")).isInstanceOfSatisfying(Result.Refused.class,
                r -> assertThat(r.error()).isEqualTo(DpsError.CUSTOM_ALLOCATION_UNAUTHORIZED_ACCESS));
    }

    @Test
    void throttling_and_server_errors_are_retried_later() {
        for (int status : List.of(429, 500, 503)) {
            assertThat(answer(status, "busy")).as("status " + status).isInstanceOf(Result.TryLater.class);
        }
    }

    @Test
    void other_answers_fail_with_400207_naming_the_status() {
        for (int status : List.of(400, 404)) {
            assertThat(answer(status, "{\"error\":\"no such function\"}")).isEqualTo(new Result.Refused(
                    DpsError.CUSTOM_ALLOCATION_FAILED, "The custom allocation webhook answered " + status
                            + ": {\"error\":\"no such function\"}"));
        }
    }

    @Test
    void a_body_larger_than_the_limit_is_cut_off_and_refused() {
        String huge = "{\"iotHubHostName\":\"hub-a.example.net\",\"pad\":\"" + "x".repeat(600_000) + "\"}";

        assertThat(answer(200, huge)).isInstanceOfSatisfying(Result.Refused.class,
                r -> assertThat(r.message()).contains("larger than"));
    }

    @Test
    void a_webhook_slower_than_the_timeout_is_retried_later() {
        HttpAllocationWebhook impatient = new HttpAllocationWebhook(Duration.ofMillis(300), List.of());
        webhook.answers(200, "{\"iotHubHostName\":\"hub-a.example.net\"}").delays(Duration.ofSeconds(3));

        long start = System.nanoTime();
        Result result = impatient.call(definition, request());

        assertThat(result).isInstanceOf(Result.TryLater.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void a_refused_connection_is_retried_later() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        CustomAllocationDefinition nowhere =
                new CustomAllocationDefinition("http://127.0.0.1:" + closedPort + "/api/x?code=K", "2021-10-01");

        assertThat(client.call(nowhere, request())).isEqualTo(
                new Result.TryLater("The custom allocation webhook could not be reached."));
    }

    @Test
    void a_url_that_is_not_http_fails_without_quoting_it() {
        for (String url : List.of("ftp://hooks.example.net/x?code=SECRET", "https://hooks example?code=SECRET")) {
            Result result = client.call(new CustomAllocationDefinition(url, "2021-10-01"), request());

            assertThat(result).isInstanceOfSatisfying(Result.Refused.class, r -> {
                assertThat(r.error()).isEqualTo(DpsError.CUSTOM_ALLOCATION_FAILED);
                assertThat(r.message()).doesNotContain("SECRET");
            });
        }
    }
}
