package org.opendps.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.opendps.core.enrollment.X509Certificates;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/**
 * Certificates as clients send them (PEM or base64 DER; parts separated by a blank line) and then as a chain to
 * validate: each part is one certificate that re-encodes to itself, or a 400 INVALID_CERTIFICATE_DATA; whatever
 * parsed, path validation answers yes or no and never throws.
 */
class CertificateChainsFuzzTest {
    private static final Instant NOW = Instant.parse("2027-01-01T00:00:00Z");
    private final CertificateChains chains = new CertificateChains(Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofSeconds(30));

    @FuzzTest(maxDuration = "10s")
    void any_certificate_text_parses_and_validates_or_is_refused_with_400(byte[] data) {
        List<X509Certificate> parsed = new ArrayList<>();
        for (String part : new String(data, StandardCharsets.UTF_8).split("\n\n", 4)) {
            try {
                X509Certificate certificate = X509Certificates.parse("certificate", part);
                assertThat(X509Certificates.fromBase64Der(X509Certificates.base64Der(certificate)))
                        .isEqualTo(certificate);
                assertThat(X509Certificates.info(certificate)).isNotNull();
                X509Certificates.commonName(certificate);
                parsed.add(certificate);
            } catch (DpsException refused) {
                assertThat(refused.error()).isEqualTo(DpsError.INVALID_CERTIFICATE_DATA);
            }
        }
        if (!parsed.isEmpty()) {
            X509Certificate leaf = parsed.get(0);
            X509Certificate anchor = parsed.get(parsed.size() - 1);
            chains.isCurrent(leaf);
            chains.chainsTo(leaf, parsed.subList(1, Math.max(1, parsed.size() - 1)), anchor);
        }
    }
}
