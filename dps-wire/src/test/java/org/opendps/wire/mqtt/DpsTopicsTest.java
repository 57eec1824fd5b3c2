package org.opendps.wire.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DpsTopicsTest {

    @Test
    void reads_a_registration_with_javas_integer_rid() {
        assertThat(DpsTopics.parseRequest("$dps/registrations/PUT/iotdps-register/?$rid=1"))
                .contains(new DpsTopics.Request(DpsTopics.Kind.REGISTER, "1", null));
    }

    @Test
    void reads_a_poll_with_nodes_uuid_rid_in_either_order() {
        String rid = "8a4d2c4e-4a48-4a41-9c1b-0f1c1f0c9b11";
        assertThat(DpsTopics.parseRequest("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=" + rid
                + "&operationId=4.abc.123"))
                .contains(new DpsTopics.Request(DpsTopics.Kind.OPERATION_STATUS, rid, "4.abc.123"));
        assertThat(DpsTopics.parseRequest("$dps/registrations/GET/iotdps-get-operationstatus/?operationId=op"
                + "&$rid=7")).contains(new DpsTopics.Request(DpsTopics.Kind.OPERATION_STATUS, "7", "op"));
    }

    @Test
    void the_rid_goes_back_as_sent() {
        String rid = DpsTopics.parseRequest("$dps/registrations/PUT/iotdps-register/?$rid=a%2Fb").orElseThrow()
                .rid();
        assertThat(DpsTopics.response(202, rid, 2)).isEqualTo("$dps/registrations/res/202/?$rid=a%2Fb&retry-after=2");
        assertThat(DpsTopics.response(200, "3", null)).isEqualTo("$dps/registrations/res/200/?$rid=3");
    }

    @Test
    void refuses_other_topics_and_requests_without_rid_or_operation() {
        assertThat(DpsTopics.parseRequest(null)).isEmpty();
        assertThat(DpsTopics.parseRequest("$dps/registrations/PUT/iotdps-register/?$rid=")).isEmpty();
        assertThat(DpsTopics.parseRequest("$dps/registrations/PUT/iotdps-register/")).isEmpty();
        assertThat(DpsTopics.parseRequest("$dps/registrations/GET/iotdps-get-operationstatus/?$rid=1")).isEmpty();
        assertThat(DpsTopics.parseRequest("$dps/registrations/DELETE/x/?$rid=1")).isEmpty();
        assertThat(DpsTopics.parseRequest("devices/d/messages/events/")).isEmpty();
    }
}
