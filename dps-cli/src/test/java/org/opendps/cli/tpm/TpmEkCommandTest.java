package org.opendps.cli.tpm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.opendps.attestation.tpm.RsaStorageKey;
import org.opendps.attestation.tpm.TpmRegistrationId;
import org.opendps.cli.Cli;
import org.opendps.testsupport.tpm.Swtpm;

/** {@code opendps tpm ek} against a real TPM (swtpm). */
class TpmEkCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void prints_the_ek_the_srk_and_the_registration_id_derived_from_the_ek() throws Exception {
        try (Swtpm swtpm = Swtpm.start()) {
            Cli.Result result = Cli.run("tpm", "ek", "--simulator", "127.0.0.1:" + swtpm.port(), "-o", "json");

            assertThat(result.exitCode()).as(result.toString()).isZero();
            JsonNode keys = JSON.readTree(result.out());
            byte[] ek = Base64.getDecoder().decode(keys.path("endorsementKey").asText());
            byte[] srk = Base64.getDecoder().decode(keys.path("storageRootKey").asText());
            assertThat(keys.path("registrationId").asText()).isEqualTo(TpmRegistrationId.of(ek));
            assertThat(RsaStorageKey.parse(ek)).isNotEqualTo(RsaStorageKey.parse(srk));
            assertThat(result.err()).contains("created and persisted on the TPM: EK SRK");
        }
    }

    @Test
    void a_second_run_reads_the_same_persisted_keys_and_prints_the_enrollment_command() throws Exception {
        try (Swtpm swtpm = Swtpm.start()) {
            String simulator = "127.0.0.1:" + swtpm.port();
            Cli.Result first = Cli.run("tpm", "ek", "--simulator", simulator, "-o", "json");

            Cli.Result second = Cli.run("tpm", "ek", "--simulator", simulator);

            assertThat(second.exitCode()).as(second.toString()).isZero();
            assertThat(second.err()).isEmpty();
            JsonNode keys = JSON.readTree(first.out());
            assertThat(second.out()).contains("opendps enrollment create --registration-id "
                    + keys.path("registrationId").asText() + " --attestation tpm --endorsement-key "
                    + keys.path("endorsementKey").asText() + " --storage-root-key "
                    + keys.path("storageRootKey").asText());
        }
    }

    @Test
    void a_simulator_that_does_not_answer_is_a_local_error() {
        Cli.Result result = Cli.run("tpm", "ek", "--simulator", "127.0.0.1:1");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(8);
        assertThat(result.err()).contains("no TPM simulator answers at 127.0.0.1:1");
    }

    @Test
    void a_simulator_address_without_a_port_is_a_usage_error() {
        Cli.Result result = Cli.run("tpm", "ek", "--simulator", "localhost");

        assertThat(result.exitCode()).isEqualTo(2);
    }
}
