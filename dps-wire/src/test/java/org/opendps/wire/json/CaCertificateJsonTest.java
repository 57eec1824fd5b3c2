package org.opendps.wire.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/** The CA certificate bodies clients send: ARM's form with {@code properties}, and the flat one. */
class CaCertificateJsonTest {

    @Test
    void upload_reads_arms_properties_form_and_the_flat_form() {
        assertThat(CaCertificateJson.readUpload("{\"properties\":{\"certificate\":\"MIIB\",\"isVerified\":true}}"
                .getBytes(UTF_8))).isEqualTo(new CaCertificateJson.Upload("MIIB", true));
        assertThat(CaCertificateJson.readUpload("{\"certificate\":\"MIIB\"}".getBytes(UTF_8)))
                .isEqualTo(new CaCertificateJson.Upload("MIIB", false));
    }

    @Test
    void upload_without_certificate_or_with_a_non_boolean_flag_names_the_field() {
        assertThatThrownBy(() -> CaCertificateJson.readUpload("{\"properties\":{}}".getBytes(UTF_8)))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.error()).isEqualTo(DpsError.INVALID_FIELD))
                .hasMessageContaining("certificate");
        assertThatThrownBy(() -> CaCertificateJson.readUpload(
                "{\"properties\":{\"certificate\":\"MIIB\",\"isVerified\":\"yes\"}}".getBytes(UTF_8)))
                .hasMessageContaining("isVerified");
    }

    @Test
    void verification_and_client_bodies_round_trip() {
        assertThat(CaCertificateJson.readVerification(CaCertificateJson.writeVerification("PEM TEXT")))
                .isEqualTo("PEM TEXT");
        assertThat(CaCertificateJson.readUpload(CaCertificateJson.writeUpload("MIIB", true)))
                .isEqualTo(new CaCertificateJson.Upload("MIIB", true));
    }
}
