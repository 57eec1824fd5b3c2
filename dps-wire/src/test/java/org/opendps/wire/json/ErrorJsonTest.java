package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.json;
import static org.opendps.wire.json.Fixtures.tree;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ErrorJsonTest {

    @Test
    void writes_azure_error_body() {
        byte[] body = ErrorJson.write(404201, "Enrollment 'd' was not found.", "t-1",
                Instant.parse("2024-01-02T03:04:05Z"));

        assertThat(tree(body).toString()).isEqualTo("{\"errorCode\":404201,\"trackingId\":\"t-1\","
                + "\"message\":\"Enrollment 'd' was not found.\",\"timestampUtc\":\"2024-01-02T03:04:05.0000000Z\"}");
    }

    @Test
    void reads_back_what_it_writes() {
        byte[] body = ErrorJson.write(412002, "etag mismatch", "t-2", Instant.EPOCH);

        assertThat(ErrorJson.read(body)).isEqualTo(new ErrorJson.ErrorBody(412002, "etag mismatch", "t-2"));
    }

    @Test
    void reads_other_services_error_bodies_leniently() {
        assertThat(ErrorJson.read(json("{'Message':'ErrorCode:IotHubUnauthorizedAccess','ExceptionMessage':'x'}")))
                .isEqualTo(new ErrorJson.ErrorBody(0, "ErrorCode:IotHubUnauthorizedAccess", null));
        assertThat(ErrorJson.read(json("{'errorCode':'401002','message':7}")))
                .isEqualTo(new ErrorJson.ErrorBody(401002, null, null));
    }
}
