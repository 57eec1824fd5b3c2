package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.azure.sdk.iot.service.auth.AuthenticationType;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubConflictException;
import com.microsoft.azure.sdk.iot.service.exceptions.IotHubNotFoundException;
import com.microsoft.azure.sdk.iot.service.query.QueryClient;
import com.microsoft.azure.sdk.iot.service.query.QueryPageOptions;
import com.microsoft.azure.sdk.iot.service.query.TwinQueryResponse;
import com.microsoft.azure.sdk.iot.service.registry.Device;
import com.microsoft.azure.sdk.iot.service.registry.DeviceConnectionState;
import com.microsoft.azure.sdk.iot.service.registry.DeviceStatus;
import com.microsoft.azure.sdk.iot.service.registry.RegistryClient;
import com.microsoft.azure.sdk.iot.service.twin.Twin;
import com.microsoft.azure.sdk.iot.service.twin.TwinClient;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.security.SharedAccessSignatures;
import org.opendps.server.outbound.RestHubGateway;
import org.opendps.testsupport.net.ProxiedJvm;
import org.opendps.wire.ServiceConnectionString;

/**
 * Clients of the IoT Hub service REST API against the built-in hub {@code localhost} over HTTPS: OpenDPS's own REST
 * gateway (what the DPS uses for hubs elsewhere) and the official Java service client 2.1.9, unmodified (registry,
 * twins and the query's paging). The Java client dials port 443 only, so its JVM reaches the server through a
 * CONNECT proxy (see {@link ProxiedJvm}).
 */
class BuiltInHubClientsIT {
    private static final String HUB = "localhost";

    @TempDir
    static Path dataDir;

    private static TestServer server;
    private static String connectionString;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWithBuiltInHubs(dataDir);
        connectionString = server.info().hubs().stream().filter(h -> h.hostName().equals(HUB)).findFirst()
                .orElseThrow().connectionString();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void the_rest_gateway_manages_devices_and_twins_of_the_built_in_hub_over_https() throws Exception {
        ServiceConnectionString owner = ServiceConnectionString.parse(connectionString);
        LinkedHub hub = new LinkedHub(HUB, owner.keyName(), owner.key(), "", LinkedHub.DEFAULT_WEIGHT, true);
        RestHubGateway gateway = new RestHubGateway(h -> URI.create("https://localhost:" + server.httpsPort()),
                RestHubGateway.DEFAULT_CONNECT_TIMEOUT, RestHubGateway.DEFAULT_REQUEST_TIMEOUT,
                List.of(server.caCertificate()));
        DeviceIdentity identity = new DeviceIdentity("rest-1", new DeviceAuthentication.SymmetricKey(
                SharedAccessSignatures.generateKey(), SharedAccessSignatures.generateKey()), false, true);

        gateway.putDevice(hub, identity);
        assertThat(gateway.getDevice(hub, "rest-1")).contains(identity);
        DeviceIdentity disabled = new DeviceIdentity("rest-1", identity.authentication(), true, false);
        gateway.putDevice(hub, disabled);
        assertThat(gateway.getDevice(hub, "rest-1")).contains(disabled);

        gateway.replaceTwin(hub, "rest-1", new DeviceTwin(new JsonText(
                "{\"tags\":{\"site\":\"oslo\"},\"properties\":{\"desired\":{\"rate\":3}}}")));
        String twin = gateway.readTwin(hub, "rest-1").orElseThrow().json().json();
        assertThat(DeviceCalls.json(twin).path("tags").path("site").asText()).isEqualTo("oslo");
        assertThat(DeviceCalls.json(twin).path("properties").path("desired").path("rate").asInt()).isEqualTo(3);

        assertThat(gateway.deleteDevice(hub, "rest-1")).isTrue();
        assertThat(gateway.getDevice(hub, "rest-1")).isEmpty();
        assertThat(gateway.readTwin(hub, "rest-1")).isEmpty();
        assertThat(gateway.deleteDevice(hub, "rest-1")).isFalse();
    }

    @Test
    void the_java_service_client_adds_reads_updates_and_removes_a_device_and_patches_its_twin() throws Exception {
        try (ProxiedJvm jvm = new ProxiedJvm(server.httpsPort(), server.caCertificate())) {
            RegistryClient registry = new RegistryClient(connectionString);
            TwinClient twins = new TwinClient(connectionString);
            Device device = new Device("java-hub-1", AuthenticationType.SAS);

            Device added = registry.addDevice(device);
            assertThat(added.getPrimaryKey()).isEqualTo(device.getPrimaryKey());
            assertThat(added.getETag()).isNotEmpty();
            assertThatThrownBy(() -> registry.addDevice(new Device("java-hub-1", AuthenticationType.SAS)))
                    .isInstanceOf(IotHubConflictException.class);

            Device read = registry.getDevice("java-hub-1");
            assertThat(read.getStatus()).isEqualTo(DeviceStatus.Enabled);
            assertThat(read.getConnectionState()).isEqualTo(DeviceConnectionState.Disconnected);
            assertThat(read.getSecondaryKey()).isEqualTo(device.getSecondaryKey());
            read.setStatus(DeviceStatus.Disabled);
            assertThat(registry.updateDevice(read).getStatus()).isEqualTo(DeviceStatus.Disabled);

            Twin twin = twins.get("java-hub-1");
            twin.getDesiredProperties().put("rate", 7);
            twin.getTags().put("site", "lyon");
            Twin patched = twins.patch(twin);
            assertThat(((Number) patched.getDesiredProperties().get("rate")).intValue()).isEqualTo(7);
            Twin again = twins.get("java-hub-1");
            assertThat(again.getTags().get("site")).isEqualTo("lyon");
            assertThat(((Number) again.getDesiredProperties().get("rate")).intValue()).isEqualTo(7);

            registry.removeDevice("java-hub-1");
            assertThatThrownBy(() -> registry.getDevice("java-hub-1")).isInstanceOf(IotHubNotFoundException.class);
            assertThatThrownBy(() -> twins.get("java-hub-1")).isInstanceOf(IotHubNotFoundException.class);
        }
    }

    @Test
    void the_java_query_client_pages_through_the_twins_by_continuation() throws Exception {
        try (ProxiedJvm jvm = new ProxiedJvm(server.httpsPort(), server.caCertificate())) {
            RegistryClient registry = new RegistryClient(connectionString);
            for (String id : List.of("query-1", "query-2", "query-3")) {
                registry.addDevice(new Device(id, AuthenticationType.SAS));
            }
            QueryPageOptions pagesOfTwo = QueryPageOptions.builder().pageSize(2).build();

            TwinQueryResponse twins = new QueryClient(connectionString).queryTwins("SELECT * FROM devices", pagesOfTwo);

            List<String> seen = new ArrayList<>();
            while (twins.hasNext() && seen.size() < 100) {
                seen.add(twins.next(pagesOfTwo).getDeviceId());
            }
            assertThat(seen).contains("query-1", "query-2", "query-3").doesNotHaveDuplicates();
        }
    }
}
