package org.opendps.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.core.allocation.AllocationWebhook.Request;
import org.opendps.core.allocation.AllocationWebhook.Result;
import org.opendps.core.enrollment.AttestationType;
import org.opendps.core.enrollment.CustomAllocationDefinition;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.EnrollmentSettings;
import org.opendps.core.enrollment.NoAttestation;
import org.opendps.testsupport.net.ServerTlsContexts;

/** An HTTPS webhook whose certificate comes from a private CA, trusted only when the CA is handed over. */
class HttpAllocationWebhookTlsTest {
    private static final IssuedCertificate CA =
            CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Webhook Test Root", Duration.ofDays(1)));
    private static final IssuedCertificate SERVER = CertificateIssuer.issue(
            CertificateIssuer.Request.leaf("127.0.0.1", Duration.ofDays(1), List.of("127.0.0.1")), CA);
    private static final List<String> HUBS = List.of("hub-a.example.net");

    private final FakeWebhook webhook = FakeWebhook.https(ServerTlsContexts.presenting(SERVER))
            .answers(200, "{\"iotHubHostName\":\"hub-a.example.net\"}");
    private final CustomAllocationDefinition definition =
            new CustomAllocationDefinition(webhook.url("/api/allocate?code=KEY"), "2021-10-01");
    private final Request request = new Request(null,
            new EnrollmentGroup("group-1", new NoAttestation(), EnrollmentSettings.DEFAULTS, null),
            "device-1", null, null, AttestationType.X509, null, HUBS);

    @AfterEach
    void stop() {
        webhook.close();
    }

    @Test
    void a_webhook_signed_by_an_extra_trusted_ca_is_called() {
        HttpAllocationWebhook client = new HttpAllocationWebhook(Duration.ofSeconds(5), List.of(CA.certificate()));

        assertThat(client.call(definition, request)).isEqualTo(new Result.Allocated("hub-a.example.net", null, null));
        assertThat(webhook.last().pathAndQuery()).isEqualTo("/api/allocate?code=KEY");
    }

    @Test
    void without_the_ca_the_handshake_fails_and_is_retried_later() {
        HttpAllocationWebhook client = new HttpAllocationWebhook(Duration.ofSeconds(5), List.of());

        assertThat(client.call(definition, request))
                .isEqualTo(new Result.TryLater("The custom allocation webhook failed the TLS handshake."));
        assertThat(webhook.last()).isNull();
    }
}
