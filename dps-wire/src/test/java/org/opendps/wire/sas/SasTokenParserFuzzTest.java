package org.opendps.wire.sas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.fuzz.Refusals.parsedOrRefused;
import static org.opendps.wire.fuzz.Refusals.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.opendps.core.security.SasToken;

/** Any Authorization header or MQTT password: a token that formats back to itself, or a 401. */
class SasTokenParserFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void any_authorization_parses_to_a_token_that_round_trips_or_is_refused_with_401(byte[] data) {
        parsedOrRefused(401, () -> SasTokenParser.parse(text(data))).ifPresent(token -> {
            assertThat(token.resourceUri()).isNotEmpty().doesNotContain("&");
            assertThat(SasTokenParser.parse(format(token))).isEqualTo(token);
        });
    }

    /** The canonical form of a token: sr as sent (the signature covers that form), the rest percent-encoded. */
    private static String format(SasToken token) {
        return "SharedAccessSignature sr=" + token.resourceUri() + "&sig=" + encode(token.signature())
                + "&se=" + token.expiry() + (token.keyName() == null ? "" : "&skn=" + encode(token.keyName()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
