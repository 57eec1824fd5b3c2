package org.opendps.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.net.SocketAddress;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.core.provisioning.DeviceCredential;
import org.opendps.server.http.ApiResponse;
import org.opendps.server.http.HttpErrorMapper;
import org.opendps.server.http.device.DeviceApi;
import org.opendps.server.mqtt.engine.MqttConnection;
import org.opendps.server.mqtt.engine.MqttConnector;

/** What a DPS device's CONNECT turns into: the session's credential, or a refusal. */
class DeviceMqttConnectorTest {
    private static final String USER = "0ne00000A01/registrations/dev-1/api-version=2019-03-31&ClientVersion=x";

    private final Vertx vertx = Vertx.vertx();
    private final BlockingQueue<DeviceCredential> presented = new LinkedBlockingQueue<>();
    private final DeviceApi api = new DeviceApi() {
        @Override
        public ApiResponse register(String idScope, String registrationId, byte[] body, DeviceCredential credential,
                boolean force) {
            presented.add(credential);
            return ApiResponse.ok(new byte[0]);
        }

        @Override
        public ApiResponse operation(String idScope, String registrationId, String operationId,
                DeviceCredential credential) {
            presented.add(credential);
            return ApiResponse.ok(new byte[0]);
        }
    };
    private final DeviceMqttConnector connector = new DeviceMqttConnector(vertx,
            vertx.createSharedWorkerExecutor("connector-test", 1), null, api, new HttpErrorMapper(Clock.systemUTC()));

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
    }

    /** Connects, then registers once; the credential the API saw. */
    private DeviceCredential credentialOf(String password, List<X509Certificate> chain) throws Exception {
        MqttConnector.Admission admission = connect("dev-1", USER, password, chain);
        assertThat(admission.refusal()).isNull();
        admission.session().publish("$dps/registrations/PUT/iotdps-register/?$rid=1", new byte[0],
                MqttQoS.AT_MOST_ONCE, false);
        DeviceCredential credential = presented.poll(5, TimeUnit.SECONDS);
        assertThat(credential).as("the API was called").isNotNull();
        return credential;
    }

    private MqttConnector.Admission connect(String clientId, String userName, String password,
            List<X509Certificate> chain) throws Exception {
        byte[] passwordBytes = password == null ? null : password.getBytes(StandardCharsets.UTF_8);
        return connector.connect(new MqttConnector.Connect(clientId, userName, passwordBytes, 60, true),
                connection(chain)).await(5, TimeUnit.SECONDS);
    }

    @Test
    void no_password_and_a_client_chain_is_an_x509_credential_leaf_first() throws Exception {
        IssuedCertificate root = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Root", Duration.ofDays(1)));
        IssuedCertificate intermediate = CertificateIssuer.issue(
                CertificateIssuer.Request.ca("Intermediate", Duration.ofDays(1)), root);
        IssuedCertificate device = CertificateIssuer.issue(
                CertificateIssuer.Request.leaf("dev-1", Duration.ofDays(1), List.of()), intermediate);
        List<X509Certificate> chain = List.of(device.certificate(), intermediate.certificate());

        DeviceCredential credential = credentialOf(null, chain);

        assertThat(credential).isInstanceOf(DeviceCredential.X509.class);
        assertThat(((DeviceCredential.X509) credential).chain()).containsExactlyElementsOf(chain);
    }

    @Test
    void a_password_is_a_sas_token_even_beside_a_client_chain() throws Exception {
        IssuedCertificate device = CertificateIssuer.selfSigned(
                CertificateIssuer.Request.leaf("dev-1", Duration.ofDays(1), List.of()));
        DeviceCredential credential = credentialOf("SharedAccessSignature sr=0ne00000A01%2Fregistrations%2Fdev-1"
                + "&sig=c2ln&se=4102444800&skn=registration", List.of(device.certificate()));

        assertThat(credential).isInstanceOf(DeviceCredential.Sas.class);
        assertThat(((DeviceCredential.Sas) credential).token().resourceUri()).contains("dev-1");
    }

    @Test
    void neither_is_no_credential() throws Exception {
        assertThat(credentialOf(null, List.of())).isInstanceOf(DeviceCredential.None.class);
    }

    @Test
    void a_client_id_other_than_the_registration_id_is_refused() throws Exception {
        assertThat(connect("dev-2", USER, null, List.of()).refusal())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(connect("dev-1", "0ne00000A01/registrations//api-version=1", null, List.of()).refusal())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    }

    @Test
    void hub_devices_are_refused_when_no_built_in_hub_is_served() throws Exception {
        assertThat(connect("d1", "hub.example/d1/?api-version=2021-04-12", "SharedAccessSignature sr=x",
                List.of()).refusal()).isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
        assertThat(connect("d1", null, null, List.of()).refusal())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED);
    }

    /** A connection whose TLS session shows {@code chain} (none: the client presented no certificate). */
    private static MqttConnection connection(List<X509Certificate> chain) {
        SSLSession session = (SSLSession) Proxy.newProxyInstance(SSLSession.class.getClassLoader(),
                new Class<?>[] {SSLSession.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getPeerCertificates")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (chain.isEmpty()) {
                        throw new SSLPeerUnverifiedException("no client certificate");
                    }
                    return chain.toArray(new Certificate[0]);
                });
        return new MqttConnection() {
            @Override
            public void publish(String topic, byte[] payload, MqttQoS qos) {}

            @Override
            public void close() {}

            @Override
            public SSLSession tlsSession() {
                return session;
            }

            @Override
            public SocketAddress remoteAddress() {
                return null;
            }
        };
    }
}
