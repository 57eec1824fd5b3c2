package org.opendps.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

class ServiceAuthenticatorTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final SharedAccessPolicy OWNER = new SharedAccessPolicy("owner",
            SharedAccessSignatures.generateKey(), SharedAccessSignatures.generateKey(), AccessRight.all());
    private final ServiceAuthenticator<SharedAccessPolicy> authenticator = new ServiceAuthenticator<>(
            name -> name.equalsIgnoreCase("owner") ? Optional.of(OWNER) : Optional.empty(),
            Set.of("localhost", "dps.example.com"), Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofSeconds(30));

    @Test
    void accepts_a_token_signed_with_the_primary_or_the_secondary_key() {
        assertThat(authenticator.authenticate(token("localhost", OWNER.primaryKey(), 3600), "/enrollments/x"))
                .isEqualTo(OWNER);
        assertThat(authenticator.authenticate(token("localhost", OWNER.secondaryKey(), 3600), "/enrollments/x"))
                .isEqualTo(OWNER);
    }

    @Test
    void verifies_the_signature_over_sr_exactly_as_sent() {
        // The CLI signs the URL-encoded form of host:port; the raw and encoded forms must not be confused.
        String raw = URLEncoder.encode("dps.example.com:8443", StandardCharsets.UTF_8);
        long se = NOW.getEpochSecond() + 60;
        SasToken encoded = new SasToken(raw, SharedAccessSignatures.hmac(OWNER.primaryKey(), raw + "\n" + se), se, "owner");
        assertThat(authenticator.authenticate(encoded, "/enrollments/x")).isEqualTo(OWNER);

        SasToken signedDecoded = new SasToken(raw,
                SharedAccessSignatures.hmac(OWNER.primaryKey(), "dps.example.com:8443\n" + se), se, "owner");
        assertRefused(signedDecoded, DpsError.INVALID_TOKEN);
    }

    @Test
    void refuses_a_token_signed_with_another_key() {
        assertRefused(token("localhost", SharedAccessSignatures.generateKey(), 3600), DpsError.INVALID_TOKEN);
    }

    @Test
    void refuses_an_expired_token_beyond_the_clock_skew_allowance() {
        assertThat(authenticator.authenticate(token("localhost", OWNER.primaryKey(), -10), "/")).isEqualTo(OWNER);
        assertRefused(token("localhost", OWNER.primaryKey(), -31), DpsError.TOKEN_EXPIRED);
    }

    @Test
    void refuses_a_token_for_another_host() {
        assertRefused(token("evil.example.com", OWNER.primaryKey(), 3600), DpsError.INVALID_TOKEN);
        assertRefused(token("localhost.evil.com", OWNER.primaryKey(), 3600), DpsError.INVALID_TOKEN);
    }

    @Test
    void accepts_a_scheme_port_and_upper_case_in_the_resource() {
        assertThat(authenticator.authenticate(token("https://DPS.example.com:8443", OWNER.primaryKey(), 60), "/x"))
                .isEqualTo(OWNER);
    }

    @Test
    void a_resource_with_a_path_covers_only_that_path_by_segments() {
        SasToken scoped = token("localhost/enrollments", OWNER.primaryKey(), 60);
        assertThat(authenticator.authenticate(scoped, "/enrollments/dev-1")).isEqualTo(OWNER);
        assertRefused(scoped, "/enrollmentGroups/g", DpsError.INVALID_TOKEN);
        assertRefused(token("localhost/enroll", OWNER.primaryKey(), 60), "/enrollments/dev-1", DpsError.INVALID_TOKEN);
    }

    @Test
    void refuses_an_unknown_or_missing_policy_name() {
        long se = NOW.getEpochSecond() + 60;
        String sig = SharedAccessSignatures.hmac(OWNER.primaryKey(), "localhost\n" + se);
        assertRefused(new SasToken("localhost", sig, se, "nobody"), DpsError.INVALID_TOKEN);
        assertRefused(new SasToken("localhost", sig, se, ""), DpsError.INVALID_TOKEN);
        assertRefused(new SasToken("localhost", sig, se, null), DpsError.INVALID_TOKEN);
    }

    @Test
    void no_token_is_unauthorized() {
        assertRefused(null, DpsError.UNAUTHORIZED);
    }

    @Test
    void require_refuses_a_policy_without_the_right() {
        SharedAccessPolicy reader = new SharedAccessPolicy("reader", SharedAccessSignatures.generateKey(),
                SharedAccessSignatures.generateKey(), EnumSet.of(AccessRight.ENROLLMENT_READ));
        ServiceAuthenticator.require(reader, AccessRight.ENROLLMENT_READ);
        assertThatThrownBy(() -> ServiceAuthenticator.require(reader, AccessRight.ENROLLMENT_WRITE))
                .isInstanceOfSatisfying(DpsException.class,
                        e -> assertThat(e.error()).isEqualTo(DpsError.INSUFFICIENT_RIGHTS));
    }

    @Test
    void policy_and_token_strings_never_show_secrets() {
        SasToken token = token("localhost", OWNER.primaryKey(), 60);
        assertThat(OWNER.toString()).doesNotContain(OWNER.primaryKey()).doesNotContain(OWNER.secondaryKey());
        assertThat(token.toString()).doesNotContain(token.signature());
    }

    private SasToken token(String resource, String key, long secondsFromNow) {
        long se = NOW.getEpochSecond() + secondsFromNow;
        return new SasToken(resource, SharedAccessSignatures.hmac(key, resource + "\n" + se), se, "owner");
    }

    private void assertRefused(SasToken token, DpsError error) {
        assertRefused(token, "/enrollments/x", error);
    }

    private void assertRefused(SasToken token, String path, DpsError error) {
        assertThatThrownBy(() -> authenticator.authenticate(token, path))
                .isInstanceOfSatisfying(DpsException.class, e -> assertThat(e.error()).isEqualTo(error));
    }
}
