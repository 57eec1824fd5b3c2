package org.opendps.wire.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HubUserNameTest {

    @Test
    void reads_what_the_java_client_sends() {
        assertThat(HubUserName.parse("myhub.example/dev1/?api-version=2020-09-30&DeviceClientType="
                + "com.microsoft.azure.sdk.iot.iot-device-client%2F2.5.0%20%2817.0.15%3B%20Linux%3B%20amd64%29"))
                .contains(new HubUserName("myhub.example", "dev1", null));
    }

    @Test
    void reads_any_api_version_and_a_module() {
        assertThat(HubUserName.parse("h.example/dev9/?api-version=2021-04-12&model-id=dtmi:x;1"))
                .contains(new HubUserName("h.example", "dev9", null));
        HubUserName module = HubUserName.parse("h.example/dev/mod/?api-version=1").orElseThrow();
        assertThat(module.moduleId()).isEqualTo("mod");
        assertThat(module.isModule()).isTrue();
        assertThat(HubUserName.parse("h.example/dev")).contains(new HubUserName("h.example", "dev", null));
    }

    @Test
    void rejects_other_shapes() {
        assertThat(HubUserName.parse(null)).isEmpty();
        assertThat(HubUserName.parse("h.example")).isEmpty();
        assertThat(HubUserName.parse("h.example//?api-version=1")).isEmpty();
        assertThat(HubUserName.parse("a/b/c/d/?api-version=1")).isEmpty();
    }

    @Test
    void tells_dps_user_names_apart() {
        String dps = "0ne00000001/registrations/reg1/api-version=2019-03-31&ClientVersion=x";
        assertThat(HubUserName.isDps(dps)).isTrue();
        assertThat(HubUserName.parse(dps)).isEmpty();
        assertThat(HubUserName.isDps("h.example/dev1/?api-version=1")).isFalse();
    }

    /** Found by MqttTopicsFuzzTest: the user name was both a hub device's and (by isDps) a DPS device's. */
    @Test
    void a_hub_device_named_registrations_is_a_hub_device_not_a_dps_one() {
        String userName = "h.example/registrations/?api-version=2021-04-12";

        assertThat(HubUserName.isDps(userName)).isFalse();
        assertThat(DpsUserName.parse(userName)).isEmpty();
        assertThat(HubUserName.parse(userName)).contains(new HubUserName("h.example", "registrations", null));
    }
}
