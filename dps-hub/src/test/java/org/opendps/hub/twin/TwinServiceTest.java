package org.opendps.hub.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.hub.twin.TwinFixture.DEVICE;
import static org.opendps.hub.twin.TwinFixture.HUB;
import static org.opendps.hub.twin.TwinFixture.START;
import static org.opendps.hub.twin.TwinFixture.json;
import static org.opendps.hub.twin.TwinFixture.parse;
import static org.opendps.hub.twin.TwinFixture.stamp;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

class TwinServiceTest {
    private final TwinFixture hub = new TwinFixture();

    private JsonNode patchDesired(String desired) {
        return parse(hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':" + desired + "}}"), null));
    }

    @Test
    void a_desired_patch_merges_deletes_with_null_and_moves_desired_version_and_twin_version() {
        patchDesired("{'a':1,'b':{'c':2,'d':3},'e':[1,2]}");

        JsonNode twin = patchDesired("{'a':null,'b':{'c':null,'x':true},'e':[3]}");

        JsonNode desired = twin.get("properties").get("desired");
        assertThat(desired.get("b")).isEqualTo(parse(json("{'d':3,'x':true}")));
        assertThat(desired.has("a")).isFalse();
        assertThat(desired.get("e")).isEqualTo(parse("[3]"));
        assertThat(desired.get("$version").asLong()).isEqualTo(3);
        assertThat(twin.get("version").asLong()).isEqualTo(3);
        assertThat(twin.get("properties").get("reported").get("$version").asLong()).isEqualTo(1);
        assertThat(hub.notifications).hasSize(2);
    }

    @Test
    void a_tags_patch_moves_the_twin_version_only_and_tells_no_device() {
        JsonNode twin = parse(hub.service.patch(HUB, DEVICE, json("{'tags':{'site':{'floor':3}}}"), null));
        JsonNode merged = parse(hub.service.patch(HUB, DEVICE, json("{'tags':{'site':{'room':'b'}}}"), null));

        assertThat(twin.get("version").asLong()).isEqualTo(2);
        assertThat(merged.get("tags")).isEqualTo(parse(json("{'site':{'floor':3,'room':'b'}}")));
        assertThat(merged.get("version").asLong()).isEqualTo(3);
        assertThat(merged.get("properties").get("desired").get("$version").asLong()).isEqualTo(1);
        assertThat(hub.notifications).isEmpty();
    }

    @Test
    void the_java_clients_patch_with_null_read_only_fields_is_accepted() {
        JsonNode twin = parse(hub.service.patch(HUB, DEVICE, json("{'deviceId':null,'etag':null,'version':null,"
                + "'status':null,'connectionState':null,'capabilities':null,'tags':{'t':1},"
                + "'properties':{'desired':{'d':2},'reported':{'ignored':true}}}"), null));

        assertThat(twin.get("tags")).isEqualTo(parse(json("{'t':1}")));
        assertThat(twin.get("properties").get("desired").get("d").asInt()).isEqualTo(2);
        assertThat(twin.get("properties").get("reported").has("ignored")).isFalse();
    }

    @Test
    void a_patch_that_changes_nothing_moves_no_version_and_tells_no_device() {
        patchDesired("{'a':1}");
        String before = hub.service.get(HUB, DEVICE);
        int writes = hub.twins.writes();
        hub.tick();

        patchDesired("{'a':1,'gone':null}");

        assertThat(hub.service.get(HUB, DEVICE)).isEqualTo(before);
        assertThat(hub.twins.writes()).isEqualTo(writes);
        assertThat(hub.notifications).hasSize(1);
    }

    @Test
    void metadata_is_stamped_on_changed_paths_and_kept_on_unchanged_ones() {
        Instant first = hub.tick();
        patchDesired("{'keep':1,'cfg':{'rate':5,'mode':'eco'}}");
        Instant second = hub.tick();

        JsonNode metadata = patchDesired("{'cfg':{'rate':6},'gone':null}").get("properties").get("desired")
                .get("$metadata");

        assertThat(metadata.get("$lastUpdated").asText()).isEqualTo(stamp(second));
        assertThat(metadata.get("$lastUpdatedVersion").asLong()).isEqualTo(3);
        assertThat(metadata.get("keep")).isEqualTo(parse(json(
                "{'$lastUpdated':'" + stamp(first) + "','$lastUpdatedVersion':2}")));
        assertThat(metadata.get("cfg").get("$lastUpdated").asText()).isEqualTo(stamp(second));
        assertThat(metadata.get("cfg").get("rate").get("$lastUpdated").asText()).isEqualTo(stamp(second));
        assertThat(metadata.get("cfg").get("rate").get("$lastUpdatedVersion").asLong()).isEqualTo(3);
        assertThat(metadata.get("cfg").get("mode").get("$lastUpdated").asText()).isEqualTo(stamp(first));
    }

    @Test
    void a_replace_sets_tags_and_desired_whole_and_tells_devices_what_changed() {
        hub.service.patch(HUB, DEVICE, json("{'tags':{'old':1},'properties':{'desired':{'a':1,'b':2}}}"), null);
        hub.service.patchReported(HUB, DEVICE, json("{'r':1}"));

        JsonNode twin = parse(hub.service.replace(HUB, DEVICE,
                json("{'tags':{'new':2},'properties':{'desired':{'b':3,'c':null,'$version':99}}}"), null));

        assertThat(twin.get("tags")).isEqualTo(parse(json("{'new':2}")));
        assertThat(twin.get("properties").get("desired").get("b").asInt()).isEqualTo(3);
        assertThat(twin.get("properties").get("desired").has("a")).isFalse();
        assertThat(twin.get("properties").get("desired").has("c")).isFalse();
        assertThat(twin.get("properties").get("desired").get("$version").asLong()).isEqualTo(3);
        assertThat(twin.get("properties").get("reported").get("r").asInt()).isEqualTo(1);
        assertThat(parse(hub.notifications.get(1).json())).isEqualTo(parse(json("{'a':null,'b':3,'$version':3}")));
    }

    @Test
    void a_replace_without_tags_empties_them() {
        hub.service.patch(HUB, DEVICE, json("{'tags':{'old':1}}"), null);

        JsonNode twin = parse(hub.service.replace(HUB, DEVICE, json("{'properties':{'desired':{}}}"), null));

        assertThat(twin.get("tags")).isEqualTo(parse("{}"));
        assertThat(hub.notifications).isEmpty();
    }

    @Test
    void if_match_takes_the_twin_etag_quoted_or_not_and_refuses_a_stale_one_with_412() {
        String first = hub.twin().get("etag").asText();
        String second = parse(hub.service.patch(HUB, DEVICE, json("{'tags':{'a':1}}"), "\"" + first + "\""))
                .get("etag").asText();
        hub.service.patch(HUB, DEVICE, json("{'tags':{'a':2}}"), second);
        hub.service.patch(HUB, DEVICE, json("{'tags':{'a':3}}"), "\"*\"");

        assertThatThrownBy(() -> hub.service.patch(HUB, DEVICE, json("{'tags':{'a':4}}"), second))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.error()).isEqualTo(DpsError.PRECONDITION_FAILED));
        assertThatThrownBy(() -> hub.service.replace(HUB, DEVICE, json("{'tags':{}}"), first))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.error()).isEqualTo(DpsError.PRECONDITION_FAILED));
        assertThat(hub.twin().get("tags").get("a").asInt()).isEqualTo(3);
    }

    @Test
    void reported_patches_move_the_reported_version_only_and_tell_no_device() {
        String etag = hub.twin().get("etag").asText();

        long version = hub.service.patchReported(HUB, DEVICE, json("{'fw':'1.0','net':{'rssi':-60}}"));
        long next = hub.service.patchReported(HUB, DEVICE, json("{'net':{'rssi':null}}"), version);

        JsonNode twin = hub.twin();
        assertThat(version).isEqualTo(2);
        assertThat(next).isEqualTo(3);
        assertThat(twin.get("properties").get("reported").get("net")).isEqualTo(parse("{}"));
        assertThat(twin.get("properties").get("reported").get("$metadata").has("$lastUpdatedVersion")).isFalse();
        assertThat(twin.get("version").asLong()).isEqualTo(1);
        assertThat(twin.get("properties").get("desired").get("$version").asLong()).isEqualTo(1);
        assertThat(twin.get("etag").asText()).as("any change makes a new etag").isNotEqualTo(etag);
        assertThat(hub.notifications).isEmpty();
    }

    @Test
    void a_reported_patch_at_another_version_than_the_current_fails_412() {
        hub.service.patchReported(HUB, DEVICE, json("{'a':1}"));

        for (long stale : new long[] {1, 3}) {
            assertThatThrownBy(() -> hub.service.patchReported(HUB, DEVICE, json("{'a':2}"), stale))
                    .isInstanceOfSatisfying(DpsException.class,
                            e -> assertThat(e.error()).isEqualTo(DpsError.PRECONDITION_FAILED));
        }
        assertThat(parse(hub.service.getForDevice(HUB, DEVICE)).get("reported").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void twins_of_absent_devices_are_404_device_not_found() {
        for (Runnable call : new Runnable[] {
                () -> hub.service.get(HUB, "nobody"),
                () -> hub.service.getForDevice(HUB, "nobody"),
                () -> hub.service.patch(HUB, "nobody", "{}", null),
                () -> hub.service.patchReported(HUB, "nobody", "{}")}) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(DpsException.class,
                    e -> assertThat(e.error()).isEqualTo(DpsError.DEVICE_NOT_FOUND));
        }
        assertThat(hub.service.readContent(HUB, "nobody")).isEmpty();
    }

    @Test
    void bodies_that_are_not_json_objects_are_400_without_quoting_them() {
        for (String body : new String[] {"", "not json", "[1]", "{\"a\":1,\"a\":2}", "{\"tags\":[]}"}) {
            assertThatThrownBy(() -> hub.service.patch(HUB, DEVICE, body, null))
                    .isInstanceOfSatisfying(DpsException.class, e -> {
                        assertThat(e.error().httpStatus()).isEqualTo(400);
                        assertThat(e.getMessage()).doesNotContain("not json");
                    });
        }
        assertThatThrownBy(() -> hub.service.patchReported(HUB, DEVICE, "42"))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.error()).isEqualTo(DpsError.INVALID_JSON));
    }

    @Test
    void a_device_without_a_stored_twin_has_an_empty_one_which_the_next_write_stores() {
        hub.twins.delete(HUB, DEVICE);

        assertThat(hub.twin().get("version").asLong()).isEqualTo(1);
        long version = hub.service.patchReported(HUB, DEVICE, json("{'a':1}"));

        assertThat(version).isEqualTo(2);
        assertThat(hub.stored().reportedVersion()).isEqualTo(2);
        assertThat(hub.stored().revision().created()).isEqualTo(START);
    }
}
