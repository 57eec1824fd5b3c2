package org.opendps.wire.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.fuzz.Refusals.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Map;

/**
 * Any CONNECT user name, publish topic or subscription filter, through every reader at once: none may throw (a
 * topic the server does not know is a value, UNSUPPORTED or empty), and what they read writes back to the same.
 * The input is {@code deviceId\ntext}, the device being the one the connection authenticated as.
 */
class MqttTopicsFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void any_topic_or_user_name_reads_to_a_value_that_writes_back_the_same(byte[] data) {
        String input = text(data);
        int newline = input.indexOf('\n');
        String deviceId = newline < 0 ? "device-1" : input.substring(0, newline);
        String text = input.substring(newline + 1);

        DpsTopics.parseRequest(text).ifPresent(MqttTopicsFuzzTest::requestWritesBack);
        DpsUserName.parse(text).ifPresent(MqttTopicsFuzzTest::dpsUserNameWritesBack);
        HubUserName.parse(text).ifPresent(MqttTopicsFuzzTest::hubUserNameWritesBack);
        assertThat(HubUserName.parse(text).isPresent() && HubUserName.isDps(text)).as("DPS or hub, never both")
                .isFalse();
        publishKeepsToItsDevice(HubTopics.parsePublish(text, deviceId), text, deviceId);
        filterKeepsToItsDevice(HubTopics.classifyFilter(text, deviceId), text, deviceId);
        Map<String, String> bag = PropertyBag.parse(text);
        assertThat(PropertyBag.parse(PropertyBag.format(bag))).isEqualTo(bag);
    }

    private static void requestWritesBack(DpsTopics.Request request) {
        assertThat(request.rid()).isNotEmpty().doesNotContain("&");
        String topic = request.kind() == DpsTopics.Kind.REGISTER
                ? "$dps/registrations/PUT/iotdps-register/?$rid=" + request.rid()
                : "$dps/registrations/GET/iotdps-get-operationstatus/?$rid=" + request.rid() + "&"
                        + PropertyBag.format(Map.of("operationId", request.operationId()));
        assertThat(DpsTopics.parseRequest(topic)).contains(request);
    }

    private static void dpsUserNameWritesBack(DpsUserName name) {
        assertThat(name.registrationId()).isNotEmpty().doesNotContain("/");
        assertThat(DpsUserName.parse(name.idScope() + "/registrations/" + name.registrationId()
                + "/api-version=2019-03-31")).contains(name);
    }

    private static void hubUserNameWritesBack(HubUserName name) {
        String path = name.hubHostName() + "/" + name.deviceId() + (name.isModule() ? "/" + name.moduleId() : "");
        assertThat(HubUserName.parse(path + "/?api-version=2021-04-12")).contains(name);
    }

    /** A device may only ever publish as itself: anything under another device is FOREIGN, never TELEMETRY. */
    private static void publishKeepsToItsDevice(HubTopics.Publish publish, String topic, String deviceId) {
        if (publish.kind() == HubTopics.Kind.TELEMETRY) {
            assertThat(topic).startsWith("devices/" + deviceId + "/messages/events");
        }
        if (publish.kind() == HubTopics.Kind.TWIN_GET || publish.kind() == HubTopics.Kind.TWIN_REPORTED
                || publish.kind() == HubTopics.Kind.METHOD_RESPONSE) {
            assertThat(publish.rid()).isNotEmpty();
        }
    }

    private static void filterKeepsToItsDevice(HubTopics.Filter filter, String text, String deviceId) {
        if (filter == HubTopics.Filter.ALLOWED && text.startsWith("devices/")) {
            assertThat(text).isEqualTo("devices/" + deviceId + "/messages/devicebound/#");
        }
    }
}
