package org.opendps.deviceclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.core.security.SasToken;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.wire.sas.SasTokenParser;

/** The MQTT transport's packets over real TLS and real MQTT framing, against a scripted DPS peer. */
class MqttRegistrationTransportTest {
    private static final String SCOPE = "0ne00000A1B";
    private static final String KEY = Base64.getEncoder().encodeToString("a device key of thirty-two bytes".getBytes());
    private static final String ASSIGNING = "{\"operationId\":\"op-1\",\"status\":\"assigning\"}";

    private static IssuedCertificate serverCa;
    private static IssuedCertificate server;
    private static IssuedCertificate deviceCa;

    private FakeDpsMqttServer dps;
    private MqttRegistrationTransport transport;

    @BeforeAll
    static void pki() {
        serverCa = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Server CA", Duration.ofDays(1)));
        server = CertificateIssuer.issue(CertificateIssuer.Request.leaf("dps", Duration.ofDays(1),
                List.of("localhost", "127.0.0.1")), serverCa);
        deviceCa = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Device CA", Duration.ofDays(1)));
    }

    /** Presents the server certificate; trusts the device CA, so it may ask for client certificates. */
    private static SSLContext serverTls() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", server.privateKey(), new char[0], server.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("device-ca", deviceCa.certificate());
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }

    private RegistrationOperationStatus register(MqttConnectReturnCode code, Function<String, FakeDpsMqttServer.Reply>
            script, Registration registration) throws Exception {
        dps = new FakeDpsMqttServer(serverTls(), code, script);
        transport = new MqttRegistrationTransport(new ProvisioningEndpoint("localhost", dps.port(),
                List.of(serverCa.certificate())), Duration.ofSeconds(20));
        return transport.register(registration).get(30, TimeUnit.SECONDS);
    }

    private static FakeDpsMqttServer.Reply assignedAfterOnePoll(String topic) {
        if (topic.startsWith("$dps/registrations/PUT/iotdps-register/")) {
            return new FakeDpsMqttServer.Reply(202, "&retry-after=1", ASSIGNING);
        }
        return new FakeDpsMqttServer.Reply(200, "", "{\"operationId\":\"op-1\",\"status\":\"assigned\","
                + "\"registrationState\":{\"registrationId\":\"dev-1\",\"assignedHub\":\"hub.example\","
                + "\"deviceId\":\"dev-1\",\"status\":\"assigned\",\"substatus\":\"initialAssignment\"}}");
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        if (dps != null) {
            dps.close();
        }
    }

    @Test
    void a_symmetric_key_device_connects_as_the_sdks_do_and_polls_after_retry_after() throws Exception {
        RegistrationOperationStatus status = register(MqttConnectReturnCode.CONNECTION_ACCEPTED,
                MqttRegistrationTransportTest::assignedAfterOnePoll, new Registration(SCOPE, "dev-1",
                        new RegistrationCredential.SymmetricKey(KEY), new JsonText("{\"modelId\":\"dtmi:x;1\"}")));

        assertThat(status.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        assertThat(status.registrationState().assignedHub()).isEqualTo("hub.example");
        FakeDpsMqttServer.Connect connect = dps.connects.get(0);
        assertThat(connect.clientId()).isEqualTo("dev-1");
        assertThat(connect.userName()).startsWith(SCOPE + "/registrations/dev-1/api-version=2019-03-31&ClientVersion=");
        SasToken token = SasTokenParser.parse(connect.password());
        assertThat(SharedAccessSignatures.isSignedWith(token, KEY)).isTrue();
        assertThat(java.net.URLDecoder.decode(token.resourceUri(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(SCOPE + "/registrations/dev-1");
        assertThat(dps.subscriptions).containsExactly("$dps/registrations/res/#");
        assertThat(dps.publishedTopics).containsExactly("$dps/registrations/PUT/iotdps-register/?$rid=1",
                "$dps/registrations/GET/iotdps-get-operationstatus/?$rid=2&operationId=op-1");
        assertThat(dps.publishedBodies.get(0)).isEqualTo("{\"registrationId\":\"dev-1\",\"payload\":{\"modelId\":\"dtmi:x;1\"}}");
        assertThat(Duration.ofNanos(dps.publishedAtNanos.get(1) - dps.publishedAtNanos.get(0)))
                .as("the poll waits for retry-after").isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(connect.clientChain()).isEmpty();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!dps.disconnected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(dps.disconnected).as("DISCONNECT sent at the end").isTrue();
    }

    @Test
    void an_x509_device_sends_its_chain_and_no_password() throws Exception {
        IssuedCertificate intermediate = CertificateIssuer.issue(
                CertificateIssuer.Request.ca("Line CA", Duration.ofDays(1)), deviceCa);
        IssuedCertificate device = CertificateIssuer.issue(
                CertificateIssuer.Request.device("dev-1", Duration.ofDays(1)), intermediate);

        RegistrationOperationStatus status = register(MqttConnectReturnCode.CONNECTION_ACCEPTED,
                MqttRegistrationTransportTest::assignedAfterOnePoll, new Registration(SCOPE, "dev-1",
                        new RegistrationCredential.X509(device.privateKey(), device.chainWithoutRoot()), null));

        assertThat(status.status()).isEqualTo(RegistrationStatus.ASSIGNED);
        FakeDpsMqttServer.Connect connect = dps.connects.get(0);
        assertThat(connect.password()).isNull();
        assertThat(connect.clientChain()).containsExactly(device.certificate(), intermediate.certificate());
        assertThat(dps.publishedBodies.get(0)).isEqualTo("{\"registrationId\":\"dev-1\"}");
    }

    @Test
    void an_error_topic_fails_the_registration_with_the_services_code() {
        assertThatThrownBy(() -> register(MqttConnectReturnCode.CONNECTION_ACCEPTED,
                topic -> new FakeDpsMqttServer.Reply(401, "", "{\"errorCode\":401002,\"trackingId\":\"t\","
                        + "\"message\":\"Invalid certificate.\"}"),
                new Registration(SCOPE, "dev-1", new RegistrationCredential.SymmetricKey(KEY), null)))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(RegistrationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RegistrationException.Kind.NOT_AUTHORIZED);
                    assertThat(e.errorCode()).isEqualTo(401002);
                    assertThat(e.getMessage()).isEqualTo("Invalid certificate. (errorCode 401002)");
                });
    }

    @Test
    void a_refused_connect_is_not_authorized_and_nothing_is_published() {
        assertThatThrownBy(() -> register(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
                MqttRegistrationTransportTest::assignedAfterOnePoll,
                new Registration(SCOPE, "dev-1", new RegistrationCredential.SymmetricKey(KEY), null)))
                .cause().isInstanceOfSatisfying(RegistrationException.class,
                        e -> assertThat(e.kind()).isEqualTo(RegistrationException.Kind.NOT_AUTHORIZED));
        assertThat(dps.publishedTopics).isEmpty();
    }

    @Test
    void a_server_certificate_from_another_ca_fails_the_tls_handshake() throws Exception {
        dps = new FakeDpsMqttServer(serverTls(), MqttConnectReturnCode.CONNECTION_ACCEPTED,
                MqttRegistrationTransportTest::assignedAfterOnePoll);
        transport = new MqttRegistrationTransport(new ProvisioningEndpoint("localhost", dps.port(),
                List.of(deviceCa.certificate())), Duration.ofSeconds(20));

        assertThatThrownBy(() -> transport.register(new Registration(SCOPE, "dev-1",
                new RegistrationCredential.SymmetricKey(KEY), null)).get(30, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(RegistrationException.class,
                        e -> assertThat(e.kind()).isEqualTo(RegistrationException.Kind.TLS));
        assertThat(dps.connects).isEmpty();
    }
}
