package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.PRIMARY_KEY;
import static org.opendps.wire.json.Fixtures.assertInvalidField;
import static org.opendps.wire.json.Fixtures.json;
import static org.opendps.wire.json.Fixtures.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.instance.ServiceInstance;

/** The service properties part of {@link LinkedHubJson}: ARM's PascalCase policy names out, any case in. */
class ServicePropertiesJsonTest {
    private static final ServiceInstance INSTANCE = new ServiceInstance("0ne00002193", Instant.EPOCH,
            AllocationPolicy.GEO_LATENCY);
    private static final LinkedHub HUB = new LinkedHub("hub-1.example.com", "owner", PRIMARY_KEY, "", 1, true);

    @Test
    void writes_id_scope_pascal_case_policy_and_hubs() {
        JsonNode node = tree(LinkedHubJson.writeProperties(INSTANCE, List.of(HUB)));

        assertThat(node.get("idScope").textValue()).isEqualTo("0ne00002193");
        assertThat(node.get("allocationPolicy").textValue()).isEqualTo("GeoLatency");
        assertThat(node.get("iotHubs").get(0).get("name").textValue()).isEqualTo("hub-1.example.com");
    }

    @Test
    void reads_back_what_it_writes() {
        LinkedHubJson.ServiceProperties properties = LinkedHubJson.readProperties(
                LinkedHubJson.writeProperties(INSTANCE, List.of(HUB)));

        assertThat(properties).isEqualTo(new LinkedHubJson.ServiceProperties("0ne00002193",
                AllocationPolicy.GEO_LATENCY, List.of(HUB)));
    }

    @Test
    void arm_names_are_pascal_case() {
        assertThat(LinkedHubJson.armName(AllocationPolicy.HASHED)).isEqualTo("Hashed");
        assertThat(LinkedHubJson.armName(AllocationPolicy.GEO_LATENCY)).isEqualTo("GeoLatency");
        assertThat(LinkedHubJson.armName(AllocationPolicy.STATIC)).isEqualTo("Static");
    }

    @Test
    void reads_the_policy_of_an_update_in_any_case_and_ignores_other_fields() {
        assertThat(LinkedHubJson.readAllocationPolicy(json("{'allocationPolicy':'GeoLatency','idScope':'x',"
                + "'iotHubs':7}"))).isEqualTo(AllocationPolicy.GEO_LATENCY);
        assertThat(LinkedHubJson.readAllocationPolicy(json("{'allocationPolicy':'geolatency'}")))
                .isEqualTo(AllocationPolicy.GEO_LATENCY);
        assertThat(LinkedHubJson.readAllocationPolicy(json("{'allocationPolicy':'STATIC'}")))
                .isEqualTo(AllocationPolicy.STATIC);
        assertThat(LinkedHubJson.readAllocationPolicy(LinkedHubJson.writeAllocationPolicy(AllocationPolicy.HASHED)))
                .isEqualTo(AllocationPolicy.HASHED);
    }

    @Test
    void reads_the_arm_resource_form_and_leaves_custom_to_the_core() {
        assertThat(LinkedHubJson.readAllocationPolicy(json("{'properties':{'allocationPolicy':'Static'}}")))
                .isEqualTo(AllocationPolicy.STATIC);
        assertThat(LinkedHubJson.readAllocationPolicy(json("{'allocationPolicy':'custom'}")))
                .isEqualTo(AllocationPolicy.CUSTOM);
    }

    @Test
    void an_unknown_or_missing_policy_names_the_field() {
        assertInvalidField(() -> LinkedHubJson.readAllocationPolicy(json("{'allocationPolicy':'Random'}")),
                "allocationPolicy", "must be one of Hashed, GeoLatency, Static");
        assertInvalidField(() -> LinkedHubJson.readAllocationPolicy(json("{'idScope':'0ne00002193'}")),
                "allocationPolicy", "required; one of Hashed, GeoLatency, Static");
        assertInvalidField(() -> LinkedHubJson.readAllocationPolicy(json("{'properties':{}}")),
                "properties.allocationPolicy", "required; one of Hashed, GeoLatency, Static");
    }
}
