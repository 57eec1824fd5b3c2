package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.text;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The hub's error body (iothub.md §3), which the Java service client and our own REST gateway read. */
class HubErrorJsonTest {

    @Test
    void writes_azure_hub_error_body_with_code_word_tracking_id_and_us_timestamp() {
        byte[] body = HubErrorJson.write("DeviceNotFound", 404001, "Device 'd-1' was not found.", "t-1",
                Instant.parse("2024-01-02T03:04:05.987Z"));

        assertThat(text(body)).isEqualTo("{\"Message\":\"ErrorCode:DeviceNotFound;Device 'd-1' was not found.\","
                + "\"ExceptionMessage\":\"Tracking ID:t-1-TimeStamp:01/02/2024 03:04:05\",\"errorCode\":404001}");
    }

    @Test
    void the_rest_gateway_reads_the_code_word_back() {
        byte[] body = HubErrorJson.write("DeviceAlreadyExists", 409001, "taken", "t-2", Instant.EPOCH);

        assertThat(HubDeviceJson.errorCode(body)).isEqualTo("DeviceAlreadyExists");
    }

    @Test
    void braces_never_reach_the_message_where_the_java_client_would_parse_them_as_a_nested_body() {
        byte[] body = HubErrorJson.write("BadRequest", 400000, "No resource at /twins/{id}.", "t-3", Instant.EPOCH);

        assertThat(Fixtures.tree(body).path("Message").asText())
                .isEqualTo("ErrorCode:BadRequest;No resource at /twins/(id).");
    }
}
