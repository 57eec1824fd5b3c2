package org.opendps.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.CertificateIssuer.Request;
import org.opendps.attestation.pki.IssuedCertificate;

/**
 * X.509 path validation as device attestation uses it. It lives beside {@code CertificateIssuer}, which makes the
 * test PKI in code: dps-core itself cannot reach BouncyCastle.
 */
class CertificateChainsTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.now();

    private final CertificateChains chains = new CertificateChains(Clock.fixed(NOW, ZoneOffset.UTC), SKEW);
    private final IssuedCertificate root = CertificateIssuer.selfSigned(Request.ca("Root", DAY));
    private final IssuedCertificate intermediate = CertificateIssuer.issue(Request.ca("Intermediate", DAY), root);

    @Test
    void leaf_chains_to_the_root_that_signed_it() {
        IssuedCertificate leaf = leaf("dev-1", root);
        assertThat(chains.chainsTo(leaf.certificate(), List.of(), root.certificate())).isTrue();
    }

    @Test
    void leaf_chains_through_an_intermediate_only_when_it_is_given() {
        IssuedCertificate leaf = leaf("dev-1", intermediate);
        assertThat(chains.chainsTo(leaf.certificate(), List.of(intermediate.certificate()), root.certificate()))
                .isTrue();
        assertThat(chains.chainsTo(leaf.certificate(), List.of(), root.certificate())).isFalse();
        assertThat(chains.chainsTo(leaf.certificate(), List.of(), intermediate.certificate())).isTrue();
    }

    @Test
    void leaf_does_not_chain_to_another_ca_of_the_same_name() {
        IssuedCertificate namesake = CertificateIssuer.selfSigned(Request.ca("Root", DAY));
        IssuedCertificate leaf = leaf("dev-1", namesake);
        assertThat(chains.chainsTo(leaf.certificate(), List.of(), root.certificate())).isFalse();
    }

    @Test
    void expired_and_not_yet_valid_certificates_fail_beyond_the_skew_only() {
        IssuedCertificate expired = CertificateIssuer.issue(Request.leaf("dev-1", DAY, List.of())
                .withNotBefore(NOW.minus(DAY).minusSeconds(60)), root);
        IssuedCertificate justExpired = CertificateIssuer.issue(Request.leaf("dev-2", DAY, List.of())
                .withNotBefore(NOW.minus(DAY).minusSeconds(10)), root);
        IssuedCertificate future = CertificateIssuer.issue(Request.leaf("dev-3", DAY, List.of())
                .withNotBefore(NOW.plusSeconds(60)), root);
        IssuedCertificate nearlyValid = CertificateIssuer.issue(Request.leaf("dev-4", DAY, List.of())
                .withNotBefore(NOW.plusSeconds(10)), root);

        assertThat(chains.isCurrent(expired.certificate())).isFalse();
        assertThat(chains.chainsTo(expired.certificate(), List.of(), root.certificate())).isFalse();
        assertThat(chains.isCurrent(future.certificate())).isFalse();
        assertThat(chains.chainsTo(future.certificate(), List.of(), root.certificate())).isFalse();
        assertThat(chains.isCurrent(justExpired.certificate())).isTrue();
        assertThat(chains.chainsTo(justExpired.certificate(), List.of(), root.certificate())).isTrue();
        assertThat(chains.isCurrent(nearlyValid.certificate())).isTrue();
    }

    @Test
    void expired_intermediate_breaks_the_chain() {
        IssuedCertificate old = CertificateIssuer.issue(Request.ca("Old intermediate", DAY)
                .withNotBefore(NOW.minus(Duration.ofDays(3))), root);
        IssuedCertificate leaf = leaf("dev-1", old);
        assertThat(chains.chainsTo(leaf.certificate(), List.of(old.certificate()), root.certificate())).isFalse();
    }

    @Test
    void expired_anchor_breaks_the_chain() {
        IssuedCertificate oldRoot = CertificateIssuer.selfSigned(Request.ca("Old root", Duration.ofDays(3))
                .withNotBefore(NOW.minus(Duration.ofDays(4))));
        IssuedCertificate leaf = leaf("dev-1", oldRoot);
        assertThat(chains.chainsTo(leaf.certificate(), List.of(), oldRoot.certificate())).isFalse();
    }

    @Test
    void issuer_without_ca_true_breaks_the_chain_below_it_or_as_anchor() {
        IssuedCertificate notCa = leaf("Not a CA", root);
        IssuedCertificate leaf = leaf("dev-1", notCa);
        assertThat(chains.chainsTo(leaf.certificate(), List.of(notCa.certificate()), root.certificate())).isFalse();
        assertThat(chains.chainsTo(leaf.certificate(), List.of(), notCa.certificate())).isFalse();
    }

    @Test
    void path_length_of_the_anchor_and_of_intermediates_is_enforced() {
        IssuedCertificate strictRoot = CertificateIssuer.selfSigned(Request.ca("Strict root", DAY).withPathLength(0));
        IssuedCertificate under = CertificateIssuer.issue(Request.ca("Under strict", DAY), strictRoot);
        assertThat(chains.chainsTo(leaf("dev-1", strictRoot).certificate(), List.of(), strictRoot.certificate()))
                .isTrue();
        assertThat(chains.chainsTo(leaf("dev-2", under).certificate(), List.of(under.certificate()),
                strictRoot.certificate())).isFalse();

        IssuedCertificate strictIntermediate = CertificateIssuer.issue(Request.ca("Strict intermediate", DAY)
                .withPathLength(0), root);
        IssuedCertificate sub = CertificateIssuer.issue(Request.ca("Sub", DAY), strictIntermediate);
        assertThat(chains.chainsTo(leaf("dev-3", sub).certificate(), List.of(sub.certificate(),
                strictIntermediate.certificate()), root.certificate())).isFalse();
    }

    @Test
    void a_certificate_does_not_chain_to_itself() {
        assertThat(chains.chainsTo(root.certificate(), List.of(), root.certificate())).isFalse();
    }

    private static IssuedCertificate leaf(String commonName, IssuedCertificate issuer) {
        return CertificateIssuer.issue(Request.leaf(commonName, DAY, List.of()), issuer);
    }
}
