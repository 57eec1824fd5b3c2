package org.opendps.server.http.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.server.http.device.FakeRegistrations.ASSIGNED;
import static org.opendps.server.http.device.FakeRegistrations.send;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.provisioning.DeviceCredential;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.HttpErrorMapper;
import org.opendps.server.http.RouteTable;

/** The device routes' HTTP behaviour with the use cases faked: statuses, headers, credentials, flags. */
class DeviceApiRoutesTest {
    private static final String SCOPE = "0ne0000A1B2";
    private static final String REGISTER = "/" + SCOPE + "/registrations/dev-1/register?api-version=2019-03-31";
    private static final String JAVA_TOKEN = "SharedAccessSignature sr=" + SCOPE
            + "/registrations/dev-1&sig=abc%2Bdef%3D&se=1900000000&skn=";

    private final FakeRegistrations fake = new FakeRegistrations();
    private final RouteTable routes = DeviceApiRoutes.create(new RouteTable(), fake);

    @Test
    void register_answers_202_with_retry_after_while_assigning() {
        fake.answer = new RegistrationOperationStatus("op-1", RegistrationStatus.ASSIGNING, null, 3);

        ApiResponse response = send(routes, "PUT", REGISTER, "{\"registrationId\":\"dev-1\"}",
                "authorization", JAVA_TOKEN);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.headers()).containsEntry("Retry-After", "3")
                .containsEntry("Content-Type", "application/json; charset=utf-8");
        assertThat(body(response)).isEqualTo("{\"operationId\":\"op-1\",\"status\":\"assigning\"}");
    }

    @Test
    void retry_after_is_never_zero() {
        fake.answer = new RegistrationOperationStatus("op-1", RegistrationStatus.ASSIGNING, null, 0);

        assertThat(send(routes, "PUT", REGISTER, "{}").headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void register_answers_200_with_the_final_status_when_the_assignment_finished() {
        ApiResponse response = send(routes, "PUT", REGISTER, "{\"registrationId\":\"dev-1\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).doesNotContainKey("Retry-After");
        assertThat(body(response)).contains("\"status\":\"assigned\"", "\"assignedHub\":\"hub-1.example.net\"");
    }

    @Test
    void register_passes_path_body_token_and_payload_to_the_service() {
        send(routes, "PUT", REGISTER, "{\"registrationId\":\"DEV-1\",\"payload\":\"{\\\"a\\\":1}\"}",
                "Authorization", JAVA_TOKEN);

        assertThat(fake.lastRequest.idScope()).isEqualTo(SCOPE);
        assertThat(fake.lastRequest.registrationId()).isEqualTo("dev-1");
        assertThat(fake.lastRequest.bodyRegistrationId()).isEqualTo("DEV-1");
        assertThat(fake.lastRequest.payload()).isEqualTo(new JsonText("{\"a\":1}"));
        assertThat(fake.lastRequest.forceRegistration()).isFalse();
        DeviceCredential.Sas sas = (DeviceCredential.Sas) fake.lastCredential;
        assertThat(sas.token().resourceUri()).isEqualTo(SCOPE + "/registrations/dev-1");
        assertThat(sas.token().signature()).isEqualTo("abc+def=");
    }

    @Test
    void node_force_registration_flag_reaches_the_service() {
        send(routes, "PUT", REGISTER + "&forceRegistration=true", "{}");

        assertThat(fake.lastRequest.forceRegistration()).isTrue();
    }

    @Test
    void no_authorization_is_the_none_credential_and_an_empty_body_is_allowed() {
        send(routes, "PUT", REGISTER, "");

        assertThat(fake.lastCredential).isEqualTo(new DeviceCredential.None());
        assertThat(fake.lastRequest.bodyRegistrationId()).isNull();
    }

    @Test
    void a_client_chain_without_authorization_is_the_x509_credential_and_a_token_wins_over_it() {
        IssuedCertificate root = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Root", Duration.ofDays(1)));
        IssuedCertificate leaf = CertificateIssuer.issue(
                CertificateIssuer.Request.leaf("dev-1", Duration.ofDays(1), List.of()), root);

        send(routes, "PUT", REGISTER, "{}", leaf.chain());
        assertThat(fake.lastCredential).isEqualTo(new DeviceCredential.X509(leaf.chain()));

        send(routes, "PUT", REGISTER, "{}", leaf.chain(), "Authorization",
                "SharedAccessSignature sr=0ne00000001%2Fregistrations%2Fdev-1&sig=abc&se=1&skn=registration");
        assertThat(fake.lastCredential).isInstanceOf(DeviceCredential.Sas.class);
    }

    @Test
    void a_malformed_authorization_is_a_401_without_calling_the_service() {
        ApiResponse response = send(routes, "PUT", REGISTER, "{}", "Authorization", "SharedAccessSignature sr=x");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers()).containsEntry("x-ms-error-code", "401002");
        assertThat(fake.lastRequest).isNull();
    }

    @Test
    void a_body_field_of_the_wrong_type_is_a_400_naming_it() {
        ApiResponse response = send(routes, "PUT", REGISTER, "{\"registrationId\":7}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(body(response)).contains("Invalid field 'registrationId': must be a string");
    }

    @Test
    void poll_ignores_node_s_body_and_answers_like_register() {
        fake.answer = new RegistrationOperationStatus("op-9", RegistrationStatus.ASSIGNING, null, 2);

        ApiResponse polling = send(routes, "GET", "/" + SCOPE + "/registrations/dev-1/operations/op-9", "{}",
                "Authorization", JAVA_TOKEN);
        fake.answer = new RegistrationOperationStatus("op-9", RegistrationStatus.ASSIGNED, ASSIGNED, 0);
        ApiResponse done = send(routes, "GET", "/" + SCOPE + "/registrations/dev-1/operations/op-9", "not json");

        assertThat(fake.lastOperationId).isEqualTo("op-9");
        assertThat(polling.status()).isEqualTo(202);
        assertThat(polling.headers()).containsEntry("Retry-After", "2");
        assertThat(done.status()).isEqualTo(200);
        assertThat(body(done)).startsWith("{\"operationId\":\"op-9\",\"status\":\"assigned\",\"registrationState\":");
    }

    @Test
    void status_lookup_answers_the_bare_registration_result() {
        ApiResponse response = send(routes, "POST", "/" + SCOPE + "/registrations/dev-1?api-version=2021-06-01",
                "{\"registrationId\":\"dev-1\"}", "Authorization", JAVA_TOKEN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(body(response)).startsWith("{\"registrationId\":\"dev-1\",").doesNotContain("operationId");
    }

    @Test
    void status_lookup_refuses_a_body_naming_another_device() {
        ApiResponse response = send(routes, "POST", "/" + SCOPE + "/registrations/dev-1", "{\"registrationId\":\"x\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(fake.lastCredential).isNull();
    }

    @Test
    void a_throttled_request_carries_retry_after() {
        ApiResponse response = new HttpErrorMapper(java.time.Clock.systemUTC())
                .map(new DpsException(DpsError.THROTTLED, "Too many registrations of this device", 7));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.headers()).containsEntry("Retry-After", "7");
        assertThat(new HttpErrorMapper(java.time.Clock.systemUTC()).map(new DpsException(DpsError.NOT_FOUND))
                .headers()).doesNotContainKey("Retry-After");
    }

    private static String body(ApiResponse response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }
}
