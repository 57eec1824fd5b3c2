package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks, through the service APIs only, what the service promised the devices of a {@link DeviceFleet}: every
 * registration a device was told {@code assigned} exists with that hub and device ID, the identity exists in that
 * hub, and registering again gives the same identity.
 */
final class RegistrationAudit {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DPS_API = "?api-version=2021-10-01";
    private static final String HUB_API = "?api-version=2021-04-12";
    private static final int PARALLEL = 4;

    private RegistrationAudit() {}

    static void assertNothingLost(RemoteServer service, DeviceFleet fleet) throws Exception {
        Map<String, DeviceFleet.Assigned> told = fleet.assigned();
        assertThat(told.values()).extracting(DeviceFleet.Assigned::deviceId).as("one identity per device")
                .doesNotHaveDuplicates();
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            List<Future<?>> checks = new ArrayList<>();
            told.forEach((registrationId, assigned) -> checks.add(pool.submit(() -> {
                check(service, fleet, registrationId, assigned);
                return null;
            })));
            for (Future<?> check : checks) {
                check.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void check(RemoteServer service, DeviceFleet fleet, String registrationId,
            DeviceFleet.Assigned assigned) throws Exception {
        JsonNode state = json(service.send("GET", "/registrations/" + registrationId + DPS_API, null), registrationId);
        assertThat(state.path("status").asText()).as(registrationId).isEqualTo("assigned");
        assertThat(new DeviceFleet.Assigned(state.path("assignedHub").asText(), state.path("deviceId").asText()))
                .as("the registration state of %s", registrationId).isEqualTo(assigned);
        JsonNode identity = json(service.sendToHub(assigned.hub(), "GET", "/devices/" + assigned.deviceId()
                + HUB_API, null), registrationId);
        assertThat(identity.path("deviceId").asText()).isEqualTo(assigned.deviceId());
        DeviceFleet.Assigned again = fleet.registerUntilAssigned(registrationId, 0,
                System.nanoTime() + Duration.ofSeconds(30).toNanos());
        assertThat(again).as("%s registered again", registrationId).isEqualTo(assigned);
    }

    private static JsonNode json(HttpResponse<String> response, String registrationId) throws Exception {
        assertThat(response.statusCode()).as("%s: %s", registrationId, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
