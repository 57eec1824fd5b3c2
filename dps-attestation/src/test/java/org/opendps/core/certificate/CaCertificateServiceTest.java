package org.opendps.core.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.CertificateIssuer.Request;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.core.error.DpsError;
import org.opendps.core.error.DpsException;

/** Upload and proof of possession of CA certificates (test PKI from CertificateIssuer, hence this module). */
class CaCertificateServiceTest {
    private static final Duration DAY = Duration.ofDays(1);

    private final CaCertificateService service = new CaCertificateService(new InMemoryCaCertificates(),
            Clock.systemUTC());
    private final IssuedCertificate root = CertificateIssuer.selfSigned(Request.ca("Root", DAY));

    @Test
    void upload_takes_pem_or_base64_der_and_starts_unverified_unless_vouched_for() throws Exception {
        CaCertificate pem = service.upload("Root-PEM", Pem.certificate(root.certificate()), false, null);
        CaCertificate der = service.upload("root-der",
                Base64.getEncoder().encodeToString(root.certificate().getEncoded()), true, null);

        assertThat(pem.certificate()).isEqualTo(der.certificate());
        assertThat(pem.verified()).isFalse();
        assertThat(der.verified()).isTrue();
        assertThat(service.list()).extracting(CaCertificate::name).containsExactly("root-der", "Root-PEM");
        assertThat(service.get("ROOT-pem")).isEqualTo(pem);
    }

    @Test
    void upload_refuses_text_that_is_not_one_ca_certificate_and_stores_nothing() {
        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("dev-1", DAY, List.of()), root);
        assertError(() -> service.upload("c", "not a certificate", false, null), DpsError.INVALID_CERTIFICATE_DATA);
        assertError(() -> service.upload("c", Pem.certificate(leaf.certificate()), false, null),
                DpsError.INVALID_CERTIFICATE_DATA);
        assertError(() -> service.upload("bad name!", Pem.certificate(root.certificate()), false, null),
                DpsError.INVALID_ID);
        assertThat(service.list()).isEmpty();
    }

    @Test
    void proof_of_possession_verifies_once_and_spends_the_code() {
        CaCertificate uploaded = service.upload("root", Pem.certificate(root.certificate()), false, null);
        CaCertificate pending = service.generateVerificationCode("root", uploaded.revision().etag());
        String proof = proof(pending.verificationCode(), root);

        CaCertificate verified = service.verify("root", pending.revision().etag(), proof);

        assertThat(verified.verified()).isTrue();
        assertThat(verified.verificationCode()).isNull();
        assertThat(service.get("root")).isEqualTo(verified);
        assertError(() -> service.verify("root", verified.revision().etag(), proof),
                DpsError.VERIFICATION_CODE_MISSING);
    }

    @Test
    void verification_with_another_code_or_another_key_leaves_the_certificate_unverified() {
        CaCertificate uploaded = service.upload("root", Pem.certificate(root.certificate()), false, null);
        CaCertificate pending = service.generateVerificationCode("root", "*");
        IssuedCertificate impostor = CertificateIssuer.selfSigned(Request.ca("Root", DAY));

        assertError(() -> service.verify("root", "*", proof("0123ABCD", root)),
                DpsError.INVALID_VERIFICATION_CERTIFICATE);
        assertError(() -> service.verify("root", "*", proof(pending.verificationCode(), impostor)),
                DpsError.INVALID_VERIFICATION_CERTIFICATE);
        assertThat(service.get("root").verified()).isFalse();
        assertThat(service.get("root").verificationCode()).isEqualTo(pending.verificationCode());
        assertThat(uploaded.revision().version()).isLessThan(service.get("root").revision().version());
    }

    @Test
    void code_and_verification_need_the_current_etag() {
        CaCertificate uploaded = service.upload("root", Pem.certificate(root.certificate()), false, null);
        assertError(() -> service.generateVerificationCode("root", null), DpsError.PRECONDITION_FAILED);
        CaCertificate pending = service.generateVerificationCode("root", uploaded.revision().etag());
        assertError(() -> service.verify("root", uploaded.revision().etag(), proof(pending.verificationCode(), root)),
                DpsError.PRECONDITION_FAILED);
        assertThat(service.get("root").verified()).isFalse();
        assertError(() -> service.generateVerificationCode("nobody", "*"), DpsError.CA_CERTIFICATE_NOT_FOUND);
    }

    @Test
    void a_verification_without_a_code_is_refused() {
        service.upload("root", Pem.certificate(root.certificate()), false, null);
        assertError(() -> service.verify("root", "*", proof("ANYTHING", root)), DpsError.VERIFICATION_CODE_MISSING);
    }

    @Test
    void replacing_with_the_same_certificate_keeps_verification_and_another_one_resets_it() {
        service.upload("root", Pem.certificate(root.certificate()), true, null);
        assertError(() -> service.upload("root", Pem.certificate(root.certificate()), false, null),
                DpsError.ALREADY_EXISTS);
        assertThat(service.upload("root", Pem.certificate(root.certificate()), false, "*").verified()).isTrue();
        IssuedCertificate other = CertificateIssuer.selfSigned(Request.ca("Other", DAY));
        assertThat(service.upload("root", Pem.certificate(other.certificate()), false, "*").verified()).isFalse();
    }

    @Test
    void delete_removes_the_certificate() {
        CaCertificate uploaded = service.upload("root", Pem.certificate(root.certificate()), true, null);
        service.delete("root", uploaded.revision().etag());
        assertError(() -> service.get("root"), DpsError.CA_CERTIFICATE_NOT_FOUND);
    }

    /** A verification certificate as the manufacturing tool makes it: CN = code, signed by the CA. */
    private static String proof(String code, IssuedCertificate ca) {
        return Pem.certificate(CertificateIssuer.issue(Request.leaf(code, DAY, List.of()), ca).certificate());
    }

    private static void assertError(ThrowingCallable call, DpsError error) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DpsException.class,
                e -> assertThat(e.error()).isEqualTo(error));
    }
}
