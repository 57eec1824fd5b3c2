package org.opendps.core.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.opendps.core.enrollment.Revision;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.hub.DeviceAuthentication;
import org.opendps.core.hub.DeviceIdentity;
import org.opendps.core.hub.DeviceTwin;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.hub.LinkedHubStore;
import org.opendps.core.query.Filter;
import org.opendps.core.registration.Deprovisioning.Action;
import org.junit.jupiter.api.Test;

class DeprovisioningTest {
    private static final LinkedHub HUB = new LinkedHub("hub-a.example", "iothubowner", "a2V5", "", 1, true);

    private final States states = new States();
    private final Hubs hubs = new Hubs();
    private final Gateway gateway = new Gateway();
    private final Deprovisioning deprovisioning = new Deprovisioning(states, hubs, gateway);

    @Test
    void disableKeepsTheIdentityDisabledAndTheState() {
        register("dev-1", null);
        Deprovisioning.Result result = deprovisioning.deprovision("DEV-1", Action.DISABLE);
        assertThat(result.assignedHub()).isEqualTo(HUB.hostName());
        assertThat(gateway.devices.get("dev-1").enabled()).isFalse();
        assertThat(gateway.devices.get("dev-1").authentication()).isInstanceOf(DeviceAuthentication.SymmetricKey.class);
        assertThat(states.find("dev-1")).isPresent();
    }

    @Test
    void deleteRemovesTheDeviceAndTheState() {
        register("dev-1", null);
        deprovisioning.deprovision("dev-1", Action.DELETE);
        assertThat(gateway.devices).doesNotContainKey("dev-1");
        assertThat(states.find("dev-1")).isEmpty();
    }

    @Test
    void refusesUnknownUnassignedAndUnlinked() {
        assertThatThrownBy(() -> deprovisioning.deprovision("none", Action.DISABLE))
                .extracting(e -> ((DpsException) e).error()).isEqualTo(DpsError.REGISTRATION_NOT_FOUND);
        states.insert(state("failed-1", null, RegistrationStatus.FAILED));
        assertThatThrownBy(() -> deprovisioning.deprovision("failed-1", Action.DELETE))
                .hasMessageContaining("not assigned")
                .extracting(e -> ((DpsException) e).error()).isEqualTo(DpsError.CONFLICT);
        register("dev-1", null);
        hubs.delete(HUB.hostName());
        assertThatThrownBy(() -> deprovisioning.deprovision("dev-1", Action.DELETE))
                .hasMessageContaining("no longer linked")
                .extracting(e -> ((DpsException) e).error()).isEqualTo(DpsError.CONFLICT);
    }

    @Test
    void hubFailureNamesTheHost() {
        register("dev-1", null);
        gateway.failing = true;
        assertThatThrownBy(() -> deprovisioning.deprovision("dev-1", Action.DISABLE))
                .hasMessageContaining(HUB.hostName())
                .extracting(e -> ((DpsException) e).error()).isEqualTo(DpsError.HUB_OPERATION_FAILED);
        assertThat(states.find("dev-1")).isPresent();
    }

    @Test
    void groupPagesThroughEveryAssignedDeviceOfTheGroupOnly() {
        for (int i = 0; i < Deprovisioning.GROUP_PAGE_SIZE + 5; i++) {
            register(String.format(Locale.ROOT, "g-%03d", i), "group-1");
        }
        register("other", "group-2");
        states.insert(state("g-failed", "group-1", RegistrationStatus.FAILED));
        List<Deprovisioning.Result> done = deprovisioning.deprovisionGroup("group-1", Action.DELETE);
        assertThat(done).hasSize(Deprovisioning.GROUP_PAGE_SIZE + 5);
        assertThat(gateway.devices).containsOnlyKeys("other");
        assertThat(states.find("other")).isPresent();
        assertThat(states.find("g-failed")).isPresent();
    }

    private void register(String registrationId, String groupId) {
        hubs.put(HUB);
        gateway.devices.put(registrationId, new DeviceIdentity(registrationId,
                new DeviceAuthentication.SymmetricKey("cHJpbWFyeQ==", "c2Vjb25kYXJ5"), false, true));
        states.insert(state(registrationId, groupId, RegistrationStatus.ASSIGNED));
    }

    private static DeviceRegistrationState state(String id, String groupId, RegistrationStatus status) {
        boolean assigned = status == RegistrationStatus.ASSIGNED;
        return new DeviceRegistrationState(id, groupId, assigned ? HUB.hostName() : null, assigned ? id : null,
                status, null, null, null, null, Revision.first(Instant.EPOCH));
    }

    /** Registration states with just enough of the store contract: id order, group filter, cursor. */
    private static final class States implements RegistrationStateStore {
        private final Map<String, DeviceRegistrationState> items = new TreeMap<>();

        @Override
        public Optional<DeviceRegistrationState> find(String id) {
            return Optional.ofNullable(items.get(id.toLowerCase(Locale.ROOT)));
        }

        @Override
        public boolean insert(DeviceRegistrationState item) {
            return items.putIfAbsent(item.id().toLowerCase(Locale.ROOT), item) == null;
        }

        @Override
        public boolean replace(DeviceRegistrationState item, long expectedVersion) {
            items.put(item.id().toLowerCase(Locale.ROOT), item);
            return true;
        }

        @Override
        public boolean delete(String id, long expectedVersion) {
            return items.remove(id.toLowerCase(Locale.ROOT)) != null;
        }

        @Override
        public List<DeviceRegistrationState> query(Filter filter, String afterId, int limit) {
            String group = filter.conditions().isEmpty() ? null : filter.conditions().get(0).value();
            return items.entrySet().stream()
                    .filter(e -> afterId == null || e.getKey().compareTo(afterId) > 0)
                    .map(Map.Entry::getValue)
                    .filter(s -> group == null || group.equalsIgnoreCase(s.enrollmentGroupId()))
                    .limit(limit).toList();
        }

        @Override
        public long count() {
            return items.size();
        }
    }

    private static final class Hubs implements LinkedHubStore {
        private final Map<String, LinkedHub> items = new TreeMap<>();

        @Override
        public List<LinkedHub> list() {
            return new ArrayList<>(items.values());
        }

        @Override
        public Optional<LinkedHub> find(String hostName) {
            return Optional.ofNullable(items.get(hostName.toLowerCase(Locale.ROOT)));
        }

        @Override
        public void put(LinkedHub hub) {
            items.put(hub.hostName().toLowerCase(Locale.ROOT), hub);
        }

        @Override
        public boolean delete(String hostName) {
            return items.remove(hostName.toLowerCase(Locale.ROOT)) != null;
        }
    }

    /** One hub's devices by ID; {@code failing} makes every call fail as an unreachable hub would. */
    private static final class Gateway implements HubGateway {
        private final Map<String, DeviceIdentity> devices = new TreeMap<>();
        private boolean failing;

        @Override
        public void putDevice(LinkedHub hub, DeviceIdentity identity) {
            check();
            devices.put(identity.deviceId(), identity);
        }

        @Override
        public Optional<DeviceIdentity> getDevice(LinkedHub hub, String deviceId) {
            check();
            return Optional.ofNullable(devices.get(deviceId));
        }

        @Override
        public boolean deleteDevice(LinkedHub hub, String deviceId) {
            check();
            return devices.remove(deviceId) != null;
        }

        @Override
        public void replaceTwin(LinkedHub hub, String deviceId, DeviceTwin twin) {
            check();
        }

        @Override
        public Optional<DeviceTwin> readTwin(LinkedHub hub, String deviceId) {
            check();
            return Optional.empty();
        }

        private void check() {
            if (failing) {
                throw new HubException("connection refused", true, null);
            }
        }
    }
}
