package org.opendps.wire.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opendps.wire.mqtt.HubTopics.Filter;
import org.opendps.wire.mqtt.HubTopics.Kind;
import org.opendps.wire.mqtt.HubTopics.Publish;

class HubTopicsTest {

    @Test
    void the_four_sdk_filters_are_allowed() {
        assertThat(HubTopics.classifyFilter("devices/d1/messages/devicebound/#", "d1")).isEqualTo(Filter.ALLOWED);
        assertThat(HubTopics.classifyFilter("$iothub/twin/res/#", "d1")).isEqualTo(Filter.ALLOWED);
        assertThat(HubTopics.classifyFilter("$iothub/twin/PATCH/properties/desired/#", "d1"))
                .isEqualTo(Filter.ALLOWED);
        assertThat(HubTopics.classifyFilter("$iothub/methods/POST/#", "d1")).isEqualTo(Filter.ALLOWED);
    }

    @Test
    void filters_reaching_other_devices_are_foreign() {
        assertThat(HubTopics.classifyFilter("devices/d2/messages/devicebound/#", "d1")).isEqualTo(Filter.FOREIGN);
        assertThat(HubTopics.classifyFilter("devices/+/messages/devicebound/#", "d1")).isEqualTo(Filter.FOREIGN);
        assertThat(HubTopics.classifyFilter("#", "d1")).isEqualTo(Filter.FOREIGN);
        assertThat(HubTopics.classifyFilter("devices/#", "d1")).isEqualTo(Filter.FOREIGN);
        assertThat(HubTopics.classifyFilter("$iothub/twin/#", "d1")).isEqualTo(Filter.UNSUPPORTED);
        assertThat(HubTopics.classifyFilter("devices/d1/messages/events/#", "d1")).isEqualTo(Filter.UNSUPPORTED);
    }

    @Test
    void telemetry_with_a_property_bag() {
        Publish publish = HubTopics.parsePublish("devices/d1/messages/events/%24.mid=m1&color=red%20x&flag", "d1");
        assertThat(publish.kind()).isEqualTo(Kind.TELEMETRY);
        assertThat(publish.properties()).containsEntry("$.mid", "m1").containsEntry("color", "red x")
                .containsEntry("flag", null);
        assertThat(HubTopics.parsePublish("devices/d1/messages/events/", "d1").properties()).isEmpty();
        assertThat(HubTopics.parsePublish("devices/d1/messages/events", "d1").kind()).isEqualTo(Kind.TELEMETRY);
    }

    @Test
    void another_devices_topics_are_foreign() {
        assertThat(HubTopics.parsePublish("devices/d2/messages/events/", "d1").kind()).isEqualTo(Kind.FOREIGN);
        assertThat(HubTopics.parsePublish("devices/d10/messages/events/", "d1").kind()).isEqualTo(Kind.FOREIGN);
        assertThat(HubTopics.parsePublish("devices/d1/messages/other", "d1").kind()).isEqualTo(Kind.UNSUPPORTED);
        assertThat(HubTopics.parsePublish("random/topic", "d1").kind()).isEqualTo(Kind.UNSUPPORTED);
    }

    @Test
    void twin_requests() {
        Publish get = HubTopics.parsePublish("$iothub/twin/GET/?$rid=7", "d1");
        assertThat(get.kind()).isEqualTo(Kind.TWIN_GET);
        assertThat(get.rid()).isEqualTo("7");
        Publish patch = HubTopics.parsePublish("$iothub/twin/PATCH/properties/reported/?$rid=8&$version=3", "d1");
        assertThat(patch.kind()).isEqualTo(Kind.TWIN_REPORTED);
        assertThat(patch.version()).isEqualTo(3L);
        assertThat(HubTopics.parsePublish("$iothub/twin/PATCH/properties/reported/?$rid=9", "d1").version()).isNull();
        assertThat(HubTopics.parsePublish("$iothub/twin/GET/", "d1").kind()).isEqualTo(Kind.UNSUPPORTED);
    }

    @Test
    void method_responses() {
        Publish response = HubTopics.parsePublish("$iothub/methods/res/200/?$rid=abc", "d1");
        assertThat(response.kind()).isEqualTo(Kind.METHOD_RESPONSE);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.rid()).isEqualTo("abc");
        assertThat(HubTopics.parsePublish("$iothub/methods/res/x/?$rid=abc", "d1").kind()).isEqualTo(Kind.UNSUPPORTED);
    }

    @Test
    void topics_to_the_device_have_the_shape_java_splits() {
        assertThat(HubTopics.twinResponse(200, "1", null)).isEqualTo("$iothub/twin/res/200/?$rid=1");
        assertThat(HubTopics.twinResponse(204, "1", 6L)).isEqualTo("$iothub/twin/res/204/?$rid=1&$version=6");
        assertThat(HubTopics.desiredUpdate(4).split("/")[5]).isEqualTo("?$version=4");
        assertThat(HubTopics.methodRequest("reboot", "r1")).isEqualTo("$iothub/methods/POST/reboot/?$rid=r1");
    }

    @Test
    void property_bags_round_trip() {
        Map<String, String> bag = PropertyBag.parse("a=1&b=&c&d=x%2By+z");
        assertThat(bag).containsEntry("a", "1").containsEntry("b", "").containsEntry("c", null)
                .containsEntry("d", "x+y+z");
        assertThat(PropertyBag.parse(PropertyBag.format(bag))).isEqualTo(bag);
    }

    @Test
    void cloud_to_device_topics_lead_with_the_encoded_to_property() {
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("$.mid", "m 1");
        properties.put("colour", "blue/green");
        assertThat(HubTopics.cloudToDevice("dev1", properties)).isEqualTo("devices/dev1/messages/devicebound/"
                + "%24.to=%2Fdevices%2Fdev1%2Fmessages%2FdeviceBound&%24.mid=m%201&colour=blue%2Fgreen");
    }
}
