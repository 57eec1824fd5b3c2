package org.opendps.cli.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.opendps.cli.Cli;

class KeyDeriveCommandTest {
    private static final String GROUP_KEY = Base64.getEncoder().encodeToString(
            "a group key of thirty-two bytes!".getBytes(StandardCharsets.US_ASCII));

    /** Computed here with javax.crypto, independently of the code under test. */
    private static String expected(String base64Key, String registrationId) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(base64Key), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(registrationId.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void derives_the_device_key_as_hmac_sha256_of_the_registration_id() throws Exception {
        Cli.Result result = Cli.run("key", "derive", "--group-key", GROUP_KEY, "--registration-id", "device-001");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("registrationId  device-001")
                .contains("derivedKey      " + expected(GROUP_KEY, "device-001"));
    }

    @Test
    void matches_a_fixed_vector() {
        // HMAC-SHA256(key = bytes 0x00..0x1f, "device-001"), computed once with openssl:
        // printf device-001 | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102..1f -binary | base64
        String key = Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
            14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31});

        assertThat(KeyDeriveCommand.derive(key, "device-001"))
                .isEqualTo("BG0x/0mIbqnG9RWsosby2GxBOeYgRhXI9gnRqn2lxFI=");
    }

    @Test
    void prints_json_with_output_json() throws Exception {
        Cli.Result result = Cli.run("key", "derive", "--group-key", GROUP_KEY, "--registration-id", "dev:2",
                "--output", "json");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).contains("\"registrationId\" : \"dev:2\"")
                .contains("\"derivedKey\" : \"" + expected(GROUP_KEY, "dev:2") + "\"");
    }

    @Test
    void a_group_key_that_is_not_base64_is_a_usage_error_that_does_not_repeat_the_key() {
        Cli.Result result = Cli.run("key", "derive", "--group-key", "not*base64!", "--registration-id", "d1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("error: --group-key is not valid base64").doesNotContain("not*base64!");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void both_options_are_required() {
        Cli.Result result = Cli.run("key", "derive", "--registration-id", "d1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--group-key");
    }
}
