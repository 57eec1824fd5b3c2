package org.opendps.hub.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.opendps.hub.twin.TwinFixture.DEVICE;
import static org.opendps.hub.twin.TwinFixture.HUB;
import static org.opendps.hub.twin.TwinFixture.json;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

class TwinLimitsTest {
    private final TwinFixture hub = new TwinFixture();
    private String before;
    private int writes;

    @BeforeEach
    void giveTheTwinContent() {
        hub.service.patch(HUB, DEVICE, json("{'tags':{'t':1},'properties':{'desired':{'d':1}}}"), null);
        hub.service.patchReported(HUB, DEVICE, json("{'r':1}"));
        hub.notifications.clear();
        before = hub.service.get(HUB, DEVICE);
        writes = hub.twins.writes();
    }

    /**
     * A section {'l1':{'l2':...{'lN':{'leaf':1}}}} whose deepest object, the value of lN, is N levels below it:
     * nested(10) is Azure's own example of the deepest valid twin (keys "one" to "ten").
     */
    private static String nested(int levels) {
        StringBuilder json = new StringBuilder();
        for (int i = 1; i <= levels; i++) {
            json.append("{'l").append(i).append("':");
        }
        json.append("{'leaf':1}");
        return json + "}".repeat(levels);
    }

    @Test
    void ten_levels_of_objects_are_accepted_in_every_section() {
        String tenLevels = nested(10);

        hub.service.patch(HUB, DEVICE, json("{'tags':" + tenLevels + ",'properties':{'desired':" + tenLevels
                + "}}"), null);
        hub.service.patchReported(HUB, DEVICE, json(tenLevels));

        assertThat(hub.twin().get("tags").at("/l1/l2/l3/l4/l5/l6/l7/l8/l9/l10/leaf").asInt()).isEqualTo(1);
    }

    @Test
    void eleven_levels_are_refused_naming_the_key_path_and_nothing_changes() {
        String elevenLevels = nested(11);

        assertRefused(() -> hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':" + elevenLevels
                + "}}"), null), "'properties.desired.l1.l2.l3.l4.l5.l6.l7.l8.l9.l10.l11': nested deeper than 10");
        assertRefused(() -> hub.service.patch(HUB, DEVICE, json("{'tags':" + elevenLevels + "}"), null),
                "'tags.l1.");
        assertRefused(() -> hub.service.patchReported(HUB, DEVICE, json(elevenLevels)), "'properties.reported.l1.");
        assertRefused(() -> hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':{'a':"
                + "[[[[[[[[[[[1]]]]]]]]]]]}}}"), null), "'properties.desired.a[0]");
    }

    @Test
    void sections_over_their_size_are_refused_and_nothing_changes() {
        String kb4 = "'" + "x".repeat(4000) + "'";
        StringBuilder desired = new StringBuilder("{");
        for (int i = 0; i < 8; i++) {
            desired.append("'k").append(i).append("':").append(kb4).append(",");
        }
        desired.append("'k8':'").append("x".repeat(1700)).append("'}"); // 33,773 bytes, with {'d':1}: 33,779

        assertRefused(() -> hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':" + desired + "}}"),
                null), "'properties.desired': 33779 bytes of JSON, more than the 32768 allowed");
        assertRefused(() -> hub.service.patchReported(HUB, DEVICE, json(desired.toString())),
                "more than the 32768 allowed");
        assertRefused(() -> hub.service.patch(HUB, DEVICE, json("{'tags':{'a':" + kb4 + ",'b':" + kb4
                + ",'c':" + kb4 + "}}"), null), "'tags': ");
    }

    @Test
    void a_section_grows_to_its_limit_across_patches_and_no_further() {
        String value = "'" + "x".repeat(4000) + "'";
        for (int i = 0; i < 8; i++) {
            hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':{'k" + i + "':" + value + "}}}"), null);
        }
        before = hub.service.get(HUB, DEVICE);
        writes = hub.twins.writes();
        hub.notifications.clear();

        assertRefused(() -> hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':{'k8':" + value
                + "}}}"), null), "'properties.desired'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{'a.b':1}", "{'$x':1}", "{'a b':1}", "{'':1}", "{'o':{'bad\\u0007key':1}}",
            "{'o':{'bad\\u0085key':1}}"})
    void keys_with_dots_dollars_spaces_or_control_characters_are_refused(String desired) {
        assertRefused(() -> hub.service.patch(HUB, DEVICE, json("{'properties':{'desired':" + desired + "}}"),
                null), "Invalid field 'properties.desired");
    }

    @Test
    void keys_over_1_kb_and_strings_over_4_kb_are_refused() {
        assertRefused(() -> hub.service.patchReported(HUB, DEVICE, json("{'" + "k".repeat(1025) + "':1}")),
                "key longer than 1024 bytes");
        assertRefused(() -> hub.service.patchReported(HUB, DEVICE, json("{'s':'" + "\u00e9".repeat(2049) + "'}")),
                "'properties.reported.s': a string value longer than 4096 bytes");
        hub.service.patchReported(HUB, DEVICE, json("{'" + "k".repeat(1024) + "':'" + "x".repeat(4096) + "'}"));
    }

    @Test
    void integers_beyond_azures_range_are_refused_and_the_bounds_accepted() {
        assertRefused(() -> hub.service.patchReported(HUB, DEVICE, json("{'n':4503599627370496}")),
                "'properties.reported.n': integers must be between -4503599627370496 and 4503599627370495");
        assertRefused(() -> hub.service.patchReported(HUB, DEVICE, json("{'n':-4503599627370497}")), "reported.n'");
        assertRefused(() -> hub.service.patchReported(HUB, DEVICE, json("{'n':123456789012345678901234567890}")),
                "reported.n'");

        hub.service.patchReported(HUB, DEVICE, json("{'max':4503599627370495,'min':-4503599627370496,'f':1.50}"));

        assertThat(hub.service.getForDevice(HUB, DEVICE)).contains("\"max\":4503599627370495", "\"f\":1.50");
    }

    private void assertRefused(Runnable call, String messagePart) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DpsException.class, e -> {
            assertThat(e.error()).isEqualTo(DpsError.INVALID_FIELD);
            assertThat(e.getMessage()).contains(messagePart);
        });
        assertThat(hub.service.get(HUB, DEVICE)).isEqualTo(before);
        assertThat(hub.twins.writes()).isEqualTo(writes);
        assertThat(hub.notifications).isEmpty();
    }
}
