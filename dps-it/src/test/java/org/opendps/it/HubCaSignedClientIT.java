package org.opendps.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.device.ClientOptions;
import com.microsoft.azure.sdk.iot.device.DeviceClient;
import com.microsoft.azure.sdk.iot.device.IotHubClientProtocol;
import com.microsoft.azure.sdk.iot.device.Message;
import com.microsoft.azure.sdk.iot.device.exceptions.IotHubClientException;
import com.microsoft.azure.sdk.iot.service.auth.AuthenticationType;
import com.microsoft.azure.sdk.iot.service.registry.Device;
import com.microsoft.azure.sdk.iot.service.registry.RegistryClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.CertificateIssuer.Request;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.testsupport.net.ProxiedJvm;

/**
 * A CA-signed device ({@code certificateAuthority}) on a built-in hub, with the official clients only: the Java
 * service client 2.1.9 creates it, and the Java device client 2.5.0 connects with a certificate whose CN is the device
 * ID, issued under a CA uploaded to {@code /certificates} and verified there, over MQTT and MQTT over WebSocket
 * (which dial 8883 and 443 only, hence the fixed ports). The device client takes X.509 only by connection string,
 * whose host must have a dot: the hub is {@code 127.0.0.1}, as in HubX509ClientIT.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubCaSignedClientIT {
    private static final String HUB = "127.0.0.1";
    private static final String DEVICE = "ca-signed-1";
    private static final Duration DAY = Duration.ofDays(1);

    private TestServer server;
    private IssuedCertificate verifiedRoot;
    private IssuedCertificate intermediate;

    @BeforeAll
    void start(@TempDir Path dataDir) throws Exception {
        server = TestServer.startWithBuiltInHubs(TestServer.local(dataDir).withExtraHubs(List.of(HUB))
                .withPorts(443, 8883));
        verifiedRoot = CertificateIssuer.selfSigned(Request.ca("Verified root", DAY));
        intermediate = CertificateIssuer.issue(Request.ca("Verified intermediate", DAY), verifiedRoot);
        upload("verified-root", verifiedRoot, true);
        String hubConnectionString = server.info().hubs().stream().filter(h -> h.hostName().equals(HUB))
                .findFirst().orElseThrow().connectionString();
        try (ProxiedJvm jvm = new ProxiedJvm(server.httpsPort(), server.caCertificate())) {
            RegistryClient registry = new RegistryClient(hubConnectionString);
            for (String id : List.of(DEVICE, "ca-signed-2")) {
                registry.addDevice(new Device(id, AuthenticationType.CERTIFICATE_AUTHORITY));
            }
            assertThat(registry.getDevice(DEVICE).getAuthenticationType())
                    .isEqualTo(AuthenticationType.CERTIFICATE_AUTHORITY);
        }
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = IotHubClientProtocol.class, names = {"MQTT", "MQTT_WS"})
    void a_leaf_through_its_intermediate_to_a_verified_ca_connects_and_its_telemetry_lands(
            IotHubClientProtocol protocol) throws Exception {
        X509Device device = new X509Device(leaf(DEVICE, intermediate), List.of(intermediate.certificate()));
        String text = "ca-signed hello over " + protocol;
        DeviceClient client = client(device, protocol);
        try {
            client.open(true);
            client.sendEvent(new Message(text.getBytes(UTF_8)));
        } finally {
            client.close();
        }
        assertThat(server.dps().hubDevices().telemetry().read(HUB))
                .anyMatch(m -> m.deviceId().equals(DEVICE) && new String(m.body(), UTF_8).equals(text));
    }

    @Test
    void a_leaf_under_a_ca_that_is_uploaded_but_not_verified_is_refused() throws Exception {
        IssuedCertificate unverified = CertificateIssuer.selfSigned(Request.ca("Unverified root", DAY));
        upload("unverified-root", unverified, false);

        assertRefused(new X509Device(leaf(DEVICE, unverified)));
    }

    @Test
    void a_leaf_under_the_verified_ca_naming_another_device_is_refused() throws Exception {
        X509Device otherDevice = new X509Device(leaf("ca-signed-2", intermediate), List.of(intermediate.certificate()));

        assertRefused(otherDevice);
    }

    private void assertRefused(X509Device device) throws Exception {
        DeviceClient client = client(device, IotHubClientProtocol.MQTT);
        try {
            assertThatThrownBy(() -> client.open(false)).isInstanceOf(IotHubClientException.class);
        } finally {
            client.close();
        }
    }

    /** The client always connects as {@link #DEVICE}, whatever the certificate says. */
    private DeviceClient client(X509Device device, IotHubClientProtocol protocol) throws Exception {
        return new DeviceClient("HostName=" + HUB + ";DeviceId=" + DEVICE + ";x509=true", protocol,
                ClientOptions.builder().sslContext(device.tls(server.caCertificate())).build());
    }

    private static IssuedCertificate leaf(String commonName, IssuedCertificate issuer) {
        return CertificateIssuer.issue(Request.leaf(commonName, DAY, List.of()), issuer);
    }

    private void upload(String name, IssuedCertificate ca, boolean verified) throws Exception {
        String der = Base64.getEncoder().encodeToString(ca.certificate().getEncoded());
        HttpResponse<String> uploaded = server.sendAsOwner("PUT", "/certificates/" + name + "?api-version=2021-10-01",
                "{\"properties\":{\"certificate\":\"" + der + "\",\"isVerified\":" + verified + "}}");
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
    }
}
