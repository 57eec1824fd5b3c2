package org.opendps.deviceclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseTopicTest {
    @Test
    void reads_status_request_id_and_retry_after_in_any_order() {
        assertThat(ResponseTopic.parse("$dps/registrations/res/202/?$rid=7&retry-after=3"))
                .isEqualTo(new ResponseTopic(202, "7", "3"));
        assertThat(ResponseTopic.parse("$dps/registrations/res/200/?retry-after=1&$rid=a%2Fb"))
                .isEqualTo(new ResponseTopic(200, "a/b", "1"));
        assertThat(ResponseTopic.parse("$dps/registrations/res/401/?$rid=1"))
                .isEqualTo(new ResponseTopic(401, "1", null));
    }

    @Test
    void other_topics_are_not_responses() {
        assertThat(ResponseTopic.parse("$iothub/twin/res/200/?$rid=1")).isNull();
        assertThat(ResponseTopic.parse("$dps/registrations/res/abc/?$rid=1")).isNull();
        assertThat(ResponseTopic.parse("$dps/registrations/res/200")).isNull();
    }

    @Test
    void retry_after_defaults_to_two_seconds_and_is_capped() {
        assertThat(Polling.retryAfter(null)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Polling.retryAfter("x")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Polling.retryAfter("-1")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Polling.retryAfter("0")).isEqualTo(Duration.ZERO);
        assertThat(Polling.retryAfter(" 5 ")).isEqualTo(Duration.ofSeconds(5));
        assertThat(Polling.retryAfter("3600")).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void endpoints_with_and_without_ports() {
        assertThat(ProvisioningEndpoint.parse("localhost:8443", 443, List.of()))
                .isEqualTo(new ProvisioningEndpoint("localhost", 8443, List.of()));
        assertThat(ProvisioningEndpoint.parse("dps.example.com", 8883, List.of()).port()).isEqualTo(8883);
        assertThat(ProvisioningEndpoint.parse("[::1]:9000", 443, List.of()).host()).isEqualTo("::1");
        assertThat(ProvisioningEndpoint.parse("[::1]:9000", 443, List.of()).authority()).isEqualTo("[::1]:9000");
        assertThat(ProvisioningEndpoint.parse("::1", 443, List.of()).port()).isEqualTo(443);
    }
}
