package org.opendps.attestation.tpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RsaStorageKeyTest {
    private static KeyPair pair;

    @BeforeAll
    static void generate() throws Exception {
        pair = TestTpmKeys.rsa(2048);
    }

    @Test
    void the_name_is_the_name_algorithm_then_sha256_of_the_public_area() throws Exception {
        byte[] tpm2b = TestTpmKeys.storageKeyPublic(pair);

        byte[] name = RsaStorageKey.parse(tpm2b).name();

        byte[] area = Arrays.copyOfRange(tpm2b, 2, tpm2b.length);
        assertThat(name).startsWith(0x00, 0x0B).hasSize(34);
        assertThat(Arrays.copyOfRange(name, 2, 34)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(area));
    }

    @Test
    void keys_with_the_same_public_area_are_equal() {
        assertThat(RsaStorageKey.parse(TestTpmKeys.storageKeyPublic(pair)))
                .isEqualTo(RsaStorageKey.parse(TestTpmKeys.storageKeyPublic(pair)));
    }

    @Test
    void a_key_of_another_type_is_refused_naming_the_field() {
        assertThatThrownBy(() -> RsaStorageKey.parse(TestTpmKeys.storageKeyPublic(pair, TpmAlgorithm.KEYEDHASH,
                128))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key type");
    }

    @Test
    void a_key_protecting_with_aes_256_is_refused_since_devices_import_with_aes_128() {
        assertThatThrownBy(() -> RsaStorageKey.parse(TestTpmKeys.storageKeyPublic(pair, TpmAlgorithm.RSA, 256)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("symmetric key bits");
    }

    @Test
    void an_rsa_1024_key_is_refused() throws Exception {
        assertThatThrownBy(() -> RsaStorageKey.parse(TestTpmKeys.storageKeyPublic(TestTpmKeys.rsa(1024))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2048");
    }

    @Test
    void truncated_or_padded_bytes_are_refused() {
        byte[] tpm2b = TestTpmKeys.storageKeyPublic(pair);

        assertThatThrownBy(() -> RsaStorageKey.parse(Arrays.copyOf(tpm2b, tpm2b.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RsaStorageKey.parse(Arrays.copyOf(tpm2b, tpm2b.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> RsaStorageKey.parse(ByteBuffer.allocate(2).putShort((short) 40).array()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_registration_id_is_lower_case_unpadded_base32_of_sha256() {
        // SHA-256("abc") = ba7816bf…15ad; its RFC 4648 base32 ends in "====" (32 bytes), which is dropped
        assertThat(TpmRegistrationId.of("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("xj4bnp4pahh6uqkbidpf3lrceoyagyndsylxvhfucd7wd4qacwwq")
                .doesNotContain("=");
    }
}
