package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DirectMethodResultJsonTest {

    @Test
    void the_payload_is_embedded_as_json_or_passed_on_as_text() {
        assertThat(DirectMethodResultJson.write(200, "{\"a\":1}")).isEqualTo("{\"status\":200,\"payload\":{\"a\":1}}");
        assertThat(DirectMethodResultJson.write(404, "")).isEqualTo("{\"status\":404,\"payload\":null}");
        assertThat(DirectMethodResultJson.write(500, "not json")).isEqualTo("{\"status\":500,\"payload\":\"not json\"}");
    }
}
