package org.opendps.wire.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DpsUserNameTest {

    @Test
    void reads_what_java_and_node_send() {
        assertThat(DpsUserName.parse("0ne0000A1B2/registrations/dev-1/api-version=2019-03-31"
                + "&ClientVersion=2019-03-31")).contains(new DpsUserName("0ne0000A1B2", "dev-1"));
        assertThat(DpsUserName.parse("0ne0000A1B2/registrations/dev:1/api-version=2019-03-31"
                + "&ClientVersion=azure-iot-provisioning-device%2F1.9.1"))
                .contains(new DpsUserName("0ne0000A1B2", "dev:1"));
    }

    @Test
    void refuses_other_shapes() {
        assertThat(DpsUserName.parse(null)).isEmpty();
        assertThat(DpsUserName.parse("hub.example/dev-1/?api-version=1")).isEmpty();
        assertThat(DpsUserName.parse("0ne0000A1B2/registrations/")).isEmpty();
        assertThat(DpsUserName.parse("/registrations/dev-1/api-version=1")).isEmpty();
    }
}
