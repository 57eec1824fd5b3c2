package org.opendps.cli.key;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    void the_group_key_and_a_registration_id_or_bulk_ids_are_required() {
        Cli.Result noKey = Cli.run("key", "derive", "--registration-id", "d1");
        Cli.Result noId = Cli.run("key", "derive", "--group-key", GROUP_KEY);

        assertThat(noKey.exitCode()).isEqualTo(2);
        assertThat(noKey.err()).contains("--group-key");
        assertThat(noId.exitCode()).isEqualTo(2);
        assertThat(noId.err()).contains("give --registration-id, or --count/--prefix");
    }

    @Test
    void in_bulk_writes_an_owner_only_manifest_of_derived_keys_and_prints_none(@TempDir Path dir) throws Exception {
        Cli.Result result = Cli.run("key", "derive", "--group-key", GROUP_KEY, "--count", "50", "--prefix", "sym-",
                "--start", "7", "--out", dir.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        Path manifest = dir.resolve("keys.csv");
        List<String> lines = Files.readAllLines(manifest);
        assertThat(lines).hasSize(51).startsWith("registrationId,derivedKey");
        for (int i = 1; i <= 50; i++) {
            String id = String.format("sym-%04d", i + 6);
            assertThat(lines.get(i)).isEqualTo(id + "," + expected(GROUP_KEY, id));
            assertThat(result.out()).doesNotContain(expected(GROUP_KEY, id));
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(manifest))).isEqualTo("rw-------");
        assertThat(result.out()).contains("devices   50");
    }

    @Test
    void in_bulk_a_bad_group_key_writes_nothing_and_an_existing_manifest_is_kept(@TempDir Path dir) throws Exception {
        Cli.Result badKey = Cli.run("key", "derive", "--group-key", "not*base64!", "--count", "2", "--prefix", "x",
                "--out", dir.toString());
        Files.writeString(dir.resolve("keys.csv"), "kept");
        Cli.Result exists = Cli.run("key", "derive", "--group-key", GROUP_KEY, "--count", "2", "--prefix", "x",
                "--out", dir.toString());

        assertThat(badKey.exitCode()).isEqualTo(2);
        assertThat(exists.exitCode()).isEqualTo(4);
        assertThat(Files.readString(dir.resolve("keys.csv"))).isEqualTo("kept");
    }
}
