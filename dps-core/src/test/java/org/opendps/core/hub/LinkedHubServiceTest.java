package org.opendps.core.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.instance.ServiceInstance;

class LinkedHubServiceTest {
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String HOST = "hub-1.azure-devices.net";

    private final InMemoryHubStores.Hubs hubs = new InMemoryHubStores.Hubs();
    private final InMemoryHubStores.Instance instance = new InMemoryHubStores.Instance();
    private final LinkedHubService service = new LinkedHubService(hubs, instance);

    @BeforeEach
    void createInstance() {
        instance.createIfAbsent(new ServiceInstance("0ne00000ABC", Instant.parse("2026-01-01T00:00:00Z"),
                AllocationPolicy.HASHED));
    }

    private static LinkedHubService.Draft draft(String keyName, String key, String location, Integer weight) {
        return new LinkedHubService.Draft(keyName, key, location, weight, null);
    }

    @Test
    void put_links_a_hub_with_defaults_for_what_is_left_out() {
        LinkedHub hub = service.put(HOST, draft("iothubowner", KEY, null, null));

        assertThat(hub).isEqualTo(new LinkedHub(HOST, "iothubowner", KEY, "", 1, true));
        assertThat(service.list()).containsExactly(hub);
        assertThat(service.get("HUB-1.azure-devices.net")).isEqualTo(hub);
    }

    @Test
    void put_replaces_the_settings_and_keeps_the_host_name_as_first_linked() {
        service.put(HOST, draft("iothubowner", KEY, "westeurope", 3));

        LinkedHub replaced = service.put("HUB-1.AZURE-DEVICES.NET",
                new LinkedHubService.Draft("registryReadWrite", KEY, "northeurope", 1000, false));

        assertThat(replaced).isEqualTo(new LinkedHub(HOST, "registryReadWrite", KEY, "northeurope", 1000, false));
        assertThat(service.list()).containsExactly(replaced);
    }

    @Test
    void put_names_the_field_of_each_invalid_value() {
        assertInvalid(() -> service.put("bad_host!", draft("owner", KEY, null, null)), DpsError.INVALID_ID, "'name'");
        assertInvalid(() -> service.put(HOST, draft("bad name", KEY, null, null)), DpsError.INVALID_ID,
                "'SharedAccessKeyName'");
        assertInvalid(() -> service.put(HOST, draft("owner", "", null, null)), DpsError.INVALID_FIELD,
                "'SharedAccessKey': required");
        assertInvalid(() -> service.put(HOST, draft("owner", "not base64!", null, null)), DpsError.INVALID_FIELD,
                "'SharedAccessKey': not valid base64");
        assertInvalid(() -> service.put(HOST, draft("owner", "AAAA", null, null)), DpsError.INVALID_FIELD,
                "'SharedAccessKey': must decode to between 16 and 64 bytes, not 3");
        assertInvalid(() -> service.put(HOST, draft("owner", KEY, "x".repeat(65), null)), DpsError.INVALID_FIELD,
                "'location'");
        assertInvalid(() -> service.put(HOST, draft("owner", KEY, null, 0)), DpsError.INVALID_FIELD,
                "'allocationWeight': must be between 1 and 1000");
        assertInvalid(() -> service.put(HOST, draft("owner", KEY, null, 1001)), DpsError.INVALID_FIELD,
                "'allocationWeight'");
        assertThat(service.list()).isEmpty();
    }

    @Test
    void messages_never_hold_the_key() {
        String badKey = Base64.getEncoder().encodeToString(new byte[65]);
        assertThatThrownBy(() -> service.put(HOST, draft("owner", badKey, null, null)))
                .message().doesNotContain(badKey);
        assertThat(draft("owner", KEY, null, null).toString()).doesNotContain(KEY);
    }

    @Test
    void limits_are_inclusive() {
        String shortest = Base64.getEncoder().encodeToString(new byte[16]);
        String longest = Base64.getEncoder().encodeToString(new byte[64]);
        assertThat(service.put(HOST, draft("o", shortest, "l".repeat(64), 1000)).allocationWeight()).isEqualTo(1000);
        assertThat(service.put(HOST, draft("o", longest, "", 1)).key()).isEqualTo(longest);
    }

    @Test
    void get_and_delete_of_an_unknown_hub_are_404() {
        assertInvalid(() -> service.get("nowhere.example.com"), DpsError.LINKED_HUB_NOT_FOUND,
                "'nowhere.example.com'");
        assertInvalid(() -> service.delete("nowhere.example.com"), DpsError.LINKED_HUB_NOT_FOUND, "not found");
        assertThatThrownBy(() -> service.get("<script>")).isInstanceOf(DpsException.class)
                .message().doesNotContain("<script>");
    }

    @Test
    void delete_ignores_case_and_unlinks() {
        service.put(HOST, draft("owner", KEY, null, null));

        service.delete(HOST.toUpperCase());

        assertThat(service.list()).isEmpty();
        assertInvalid(() -> service.delete(HOST), DpsError.LINKED_HUB_NOT_FOUND, "not found");
    }

    @Test
    void the_allocation_policy_changes_and_custom_is_refused() {
        assertThat(service.instance().allocationPolicy()).isEqualTo(AllocationPolicy.HASHED);

        assertThat(service.setAllocationPolicy(AllocationPolicy.GEO_LATENCY).allocationPolicy())
                .isEqualTo(AllocationPolicy.GEO_LATENCY);
        assertInvalid(() -> service.setAllocationPolicy(AllocationPolicy.CUSTOM), DpsError.INVALID_FIELD,
                "'allocationPolicy': custom is available only per enrollment");
        assertInvalid(() -> service.setAllocationPolicy(null), DpsError.INVALID_FIELD, "'allocationPolicy'");
        assertThat(service.instance().allocationPolicy()).isEqualTo(AllocationPolicy.GEO_LATENCY);
        assertThat(service.instance().idScope()).isEqualTo("0ne00000ABC");
    }

    private static void assertInvalid(Runnable call, DpsError error, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DpsException.class,
                e -> assertThat(e.error()).isEqualTo(error)).hasMessageContaining(messagePart);
    }
}
