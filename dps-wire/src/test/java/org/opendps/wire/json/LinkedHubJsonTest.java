package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.PRIMARY_KEY;
import static org.opendps.wire.json.Fixtures.assertInvalidField;
import static org.opendps.wire.json.Fixtures.json;
import static org.opendps.wire.json.Fixtures.tree;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.core.hub.LinkedHub;
import org.opendps.core.hub.LinkedHubService;

class LinkedHubJsonTest {
    private static final String HOST = "hub-1.azure-devices.net";
    private static final String CS = "HostName=" + HOST + ";SharedAccessKeyName=iothubowner;SharedAccessKey="
            + PRIMARY_KEY;
    private static final LinkedHub HUB = new LinkedHub(HOST, "iothubowner", PRIMARY_KEY, "westeurope", 5, false);

    @Test
    void reads_the_arm_hub_description() {
        LinkedHubService.Draft draft = LinkedHubJson.read(HOST, json("{'name':'ignored.example.com',"
                + "'connectionString':'" + CS + "','location':'westeurope','allocationWeight':5,"
                + "'applyAllocationPolicy':false}"));

        assertThat(draft).isEqualTo(new LinkedHubService.Draft("iothubowner", PRIMARY_KEY, "westeurope", 5, false));
    }

    @Test
    void leaves_what_is_absent_to_the_core() {
        assertThat(LinkedHubJson.read(HOST, json("{'connectionString':'" + CS + "'}")))
                .isEqualTo(new LinkedHubService.Draft("iothubowner", PRIMARY_KEY, null, null, null));
    }

    @Test
    void the_connection_string_names_the_hub_of_the_path_in_any_case() {
        assertThat(LinkedHubJson.read("HUB-1.Azure-Devices.NET", json("{'connectionString':'" + CS + "'}")).keyName())
                .isEqualTo("iothubowner");
        assertInvalidField(() -> LinkedHubJson.read("hub-2.azure-devices.net", json("{'connectionString':'" + CS
                + "'}")), "connectionString", "its HostName must be the hub's host name in the request path");
    }

    @Test
    void names_the_field_of_each_malformed_value_without_quoting_the_key() {
        assertInvalidField(() -> LinkedHubJson.read(HOST, json("{'location':'x'}")), "connectionString", "required");
        assertInvalidField(() -> LinkedHubJson.read(HOST, json("{'connectionString':'HostName=" + HOST
                + ";SharedAccessKey=" + PRIMARY_KEY + "'}")), "connectionString", "has no SharedAccessKeyName");
        assertInvalidField(() -> LinkedHubJson.read(HOST, json("{'connectionString':'" + CS + "',"
                + "'allocationWeight':'many'}")), "allocationWeight", "must be an integer");
        assertInvalidField(() -> LinkedHubJson.read(HOST, json("{'connectionString':'" + CS + "',"
                + "'applyAllocationPolicy':'yes'}")), "applyAllocationPolicy", "must be true or false");
        assertInvalidField(() -> LinkedHubJson.read(HOST, json("{'connectionString':'" + CS + "','location':7}")),
                "location", "must be a string");
    }

    @Test
    void writes_the_arm_shape_with_the_connection_string() {
        JsonNode node = tree(LinkedHubJson.write(HUB));

        assertThat(node.toString()).isEqualTo("{\"name\":\"" + HOST + "\",\"connectionString\":\"" + CS + "\","
                + "\"location\":\"westeurope\",\"allocationWeight\":5,\"applyAllocationPolicy\":false}");
    }

    @Test
    void a_list_reads_back_in_arm_form_and_as_a_bare_array() {
        LinkedHub other = new LinkedHub("hub-2.example.com", "owner", PRIMARY_KEY, "", 1, true);
        byte[] list = LinkedHubJson.writeList(List.of(HUB, other));

        assertThat(tree(list).get("value").size()).isEqualTo(2);
        assertThat(LinkedHubJson.readList(list)).containsExactly(HUB, other);
        assertThat(LinkedHubJson.readList(("[" + new String(LinkedHubJson.write(HUB)) + "]").getBytes()))
                .containsExactly(HUB);
        assertThat(LinkedHubJson.readHub(LinkedHubJson.write(HUB))).isEqualTo(HUB);
    }

    @Test
    void a_client_draft_reads_as_the_server_reads_it() {
        LinkedHubService.Draft draft = new LinkedHubService.Draft("iothubowner", PRIMARY_KEY, "site-a", 3, true);

        byte[] body = LinkedHubJson.writeDraft(HOST, draft);

        assertThat(LinkedHubJson.read(HOST, body)).isEqualTo(draft);
        LinkedHubService.Draft bare = new LinkedHubService.Draft("iothubowner", PRIMARY_KEY, null, null, null);
        assertThat(tree(LinkedHubJson.writeDraft(HOST, bare)).has("allocationWeight")).isFalse();
        assertThat(LinkedHubJson.read(HOST, LinkedHubJson.writeDraft(HOST, bare))).isEqualTo(bare);
    }
}
