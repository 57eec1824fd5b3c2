package org.opendps.wire.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;
import org.opendps.core.security.SasToken;
import org.opendps.core.security.SharedAccessSignatures;

class SasTokenParserTest {
    private static final String KEY = SharedAccessSignatures.generateKey();
    private static final long SE = 1_900_000_000L;

    /** The signature over the raw sr, URL-encoded as every client sends it. */
    private static String sig(String rawSr) {
        return URLEncoder.encode(SharedAccessSignatures.hmac(KEY, rawSr + "\n" + SE), StandardCharsets.UTF_8);
    }

    @Test
    void parses_java_service_token() {
        String header = "SharedAccessSignature sr=localhost&sig=" + sig("localhost") + "&se=" + SE
                + "&skn=provisioningserviceowner";

        SasToken token = SasTokenParser.parse(header);

        assertThat(token.resourceUri()).isEqualTo("localhost");
        assertThat(token.expiry()).isEqualTo(SE);
        assertThat(token.keyName()).isEqualTo("provisioningserviceowner");
        assertThat(SharedAccessSignatures.isSignedWith(token, KEY)).isTrue();
    }

    @Test
    void parses_node_token_with_skn_before_se() {
        String header = "SharedAccessSignature sr=localhost&sig=" + sig("localhost") + "&skn=owner&se=" + SE;

        SasToken token = SasTokenParser.parse(header);

        assertThat(token.keyName()).isEqualTo("owner");
        assertThat(token.expiry()).isEqualTo(SE);
        assertThat(SharedAccessSignatures.isSignedWith(token, KEY)).isTrue();
    }

    @Test
    void keeps_cli_url_encoded_sr_exactly_as_sent() {
        String sr = "127.0.0.1%3A8443";
        SasToken token = SasTokenParser.parse("SharedAccessSignature sr=" + sr + "&sig=" + sig(sr) + "&se=" + SE
                + "&skn=owner");

        assertThat(token.resourceUri()).isEqualTo("127.0.0.1%3A8443");
        assertThat(SharedAccessSignatures.isSignedWith(token, KEY)).isTrue();
    }

    @Test
    void parses_what_core_creates() {
        SasToken token = SasTokenParser.parse(
                SharedAccessSignatures.createToken("localhost:8443/enrollments", "owner", KEY, SE));

        assertThat(token.resourceUri()).isEqualTo("localhost%3A8443%2Fenrollments");
        assertThat(SharedAccessSignatures.isSignedWith(token, KEY)).isTrue();
    }

    @Test
    void keeps_empty_skn_of_java_devices_and_absent_skn_as_null() {
        String sr = "0ne00TEST/registrations/dev-1";
        assertThat(SasTokenParser.parse("SharedAccessSignature sr=" + sr + "&sig=" + sig(sr) + "&se=" + SE + "&skn=")
                .keyName()).isEmpty();
        assertThat(SasTokenParser.parse("SharedAccessSignature sr=" + sr + "&sig=" + sig(sr) + "&se=" + SE)
                .keyName()).isNull();
    }

    @Test
    void keeps_a_plus_that_was_not_url_encoded() {
        SasToken token = SasTokenParser.parse("SharedAccessSignature sr=h&sig=ab+c/d%3D&se=" + SE);

        assertThat(token.signature()).isEqualTo("ab+c/d=");
    }

    @Test
    void accepts_surrounding_space_and_any_case_of_the_scheme() {
        assertThat(SasTokenParser.parse("  sharedaccesssignature  sr=h&sig=s&se=1  ").resourceUri()).isEqualTo("h");
    }

    @Test
    void ignores_unknown_fields() {
        assertThat(SasTokenParser.parse("SharedAccessSignature sr=h&sig=s&se=1&foo=bar").keyName()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Bearer eyJ0eXAi", "SharedAccessSignature",
            "SharedAccessSignaturesr=h&sig=s&se=1",
            "SharedAccessSignature sig=SECRETSIG&se=1", "SharedAccessSignature sr=h&se=1",
            "SharedAccessSignature sr=h&sig=&se=1", "SharedAccessSignature sr=&sig=SECRETSIG&se=1",
            "SharedAccessSignature sr=h&sig=SECRETSIG", "SharedAccessSignature sr=h&sig=SECRETSIG&se=tomorrow",
            "SharedAccessSignature sr=h&sig=SECRETSIG%ZZ&se=1", "SharedAccessSignature sr=h&SECRETSIG&se=1",
            "SharedAccessSignature sr=h&sig=SECRETSIG&sig=SECRETSIG2&se=1"})
    void rejects_malformed_tokens_without_echoing_the_signature(String header) {
        Throwable thrown = catchThrowable(() -> SasTokenParser.parse(header));

        assertThat(thrown).isInstanceOf(DpsException.class);
        assertThat(((DpsException) thrown).error()).isEqualTo(DpsError.INVALID_TOKEN);
        assertThat(thrown.getMessage()).isNotBlank().doesNotContain("SECRETSIG");
    }

    @Test
    void rejects_null_and_overlong_headers() {
        assertThat(catchThrowable(() -> SasTokenParser.parse(null))).isInstanceOf(DpsException.class);
        assertThat(catchThrowable(() -> SasTokenParser.parse("SharedAccessSignature sr=" + "h".repeat(5000)
                + "&sig=s&se=1"))).hasMessageContaining("longer than");
    }

    @Test
    void names_the_missing_field() {
        assertThat(catchThrowable(() -> SasTokenParser.parse("SharedAccessSignature sr=h&sig=s")))
                .hasMessage("The shared access signature has no 'se'.");
    }
}
