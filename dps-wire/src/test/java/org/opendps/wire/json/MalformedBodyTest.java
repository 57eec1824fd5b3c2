package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.bytes;
import static org.opendps.wire.json.Fixtures.failure;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/** Bodies that are not JSON objects within the limits: 400 INVALID_JSON with a short message of ours. */
class MalformedBodyTest {
    private static final String VALID = "{\"registrationId\":\"d\",\"attestation\":{\"type\":\"none\"}}";

    private static DpsException rejected(byte[] body) {
        DpsException e = failure(() -> EnrollmentJson.readEnrollment(body));
        assertThat(e.error()).isEqualTo(DpsError.INVALID_JSON);
        return e;
    }

    @Test
    void rejects_malformed_json_without_echoing_it() {
        DpsException e = rejected(bytes("{\"registrationId\":\"d\", sig=SECRETSIGNATURE}"));

        assertThat(e.getMessage()).startsWith("The body is not valid JSON (line 1, column").doesNotContain("SECRET");
    }

    /** Found by ServiceBodiesFuzzTest: Jackson's NumberFormatException escaped as a 500. */
    @Test
    void rejects_a_number_no_decimal_holds() {
        assertThat(rejected(bytes("{\"registrationId\":\"d\",\"n\":99999E99999999999}")).getMessage())
                .isEqualTo("The body has a number out of range.");
    }

    @Test
    void rejects_empty_body() {
        assertThat(rejected(new byte[0]).getMessage()).isEqualTo("The body is empty.");
        assertThat(rejected(bytes("   ")).getMessage()).isEqualTo("The body is empty.");
    }

    @Test
    void rejects_a_body_that_is_not_an_object() {
        assertThat(rejected(bytes("[" + VALID + "]")).getMessage()).isEqualTo("The body must be a JSON object.");
        assertThat(rejected(bytes("\"text\"")).getMessage()).isEqualTo("The body must be a JSON object.");
        assertThat(rejected(bytes("null")).getMessage()).isEqualTo("The body must be a JSON object.");
    }

    @Test
    void rejects_invalid_utf8() {
        byte[] body = bytes("{\"registrationId\":\"d?\",\"attestation\":{\"type\":\"none\"}}");
        body[19] = (byte) 0xC3; // a lead byte without its continuation

        assertThat(rejected(body).getMessage()).isEqualTo("The body is not valid UTF-8.");
    }

    @Test
    void rejects_overlong_utf8_encoding() {
        byte[] body = bytes("{\"registrationId\":\"d??\",\"attestation\":{\"type\":\"none\"}}");
        body[19] = (byte) 0xC0; // an overlong '/'
        body[20] = (byte) 0xAF;

        assertThat(rejected(body).getMessage()).isEqualTo("The body is not valid UTF-8.");
    }

    @Test
    void accepts_a_utf8_byte_order_mark() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] json = VALID.getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[bom.length + json.length];
        System.arraycopy(bom, 0, body, 0, bom.length);
        System.arraycopy(json, 0, body, bom.length, json.length);

        assertThat(EnrollmentJson.readEnrollment(body).item().registrationId()).isEqualTo("d");
    }

    @Test
    void accepts_nesting_32_deep_and_rejects_33() {
        assertThat(EnrollmentJson.readEnrollment(bytes(withTwinDepth(32))).item()).isNotNull();
        assertThat(rejected(bytes(withTwinDepth(33))).getMessage())
                .isEqualTo("The body nests deeper than 32 levels.");
    }

    @Test
    void rejects_a_body_over_256_kib() {
        String padding = "x".repeat(256 * 1024);
        DpsException e = rejected(bytes("{\"registrationId\":\"d\",\"attestation\":{\"type\":\"none\"},\"pad\":\""
                + padding + "\"}"));

        assertThat(e.getMessage()).isEqualTo("The body is larger than 256 KiB.");
    }

    @Test
    void rejects_duplicate_keys() {
        DpsException e = rejected(bytes("{\"registrationId\":\"a\",\"registrationId\":\"b\","
                + "\"attestation\":{\"type\":\"none\"}}"));

        assertThat(e.getMessage()).startsWith("The body has a duplicate field (line 1");
    }

    @Test
    void rejects_trailing_content() {
        assertThat(rejected(bytes(VALID + " {}")).getMessage()).startsWith("The body is not valid JSON");
    }

    @Test
    void rejects_nan_and_comments() {
        rejected(bytes("{\"registrationId\":\"d\",\"attestation\":{\"type\":\"none\"},\"x\":NaN}"));
        rejected(bytes("{\"registrationId\":\"d\", /* c */ \"attestation\":{\"type\":\"none\"}}"));
    }

    /** A valid enrollment whose initial twin tags nest so that the deepest object is at {@code depth}. */
    private static String withTwinDepth(int depth) {
        // body (1) > initialTwin (2) > tags (3) > ... : depth - 3 further levels inside tags
        String inner = "{}";
        for (int i = 0; i < depth - 3; i++) {
            inner = "{\"n\":" + inner + "}";
        }
        return "{\"registrationId\":\"d\",\"attestation\":{\"type\":\"none\"},\"initialTwin\":{\"tags\":" + inner
                + "}}";
    }
}
