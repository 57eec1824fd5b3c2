package org.opendps.attestation.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CertificateIssuerTest {
    private static final Duration DAY = Duration.ofDays(1);
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    /** The JDK's own PKIX validator, with the root as the only trust anchor and no revocation checks. */
    private static void validate(List<X509Certificate> chain, X509Certificate root) throws GeneralSecurityException {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }

    private static IssuedCertificate root() {
        return CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("Test Root", DAY));
    }

    @Test
    void a_root_is_a_self_signed_p256_ca_that_signs_certificates_and_crls() throws Exception {
        IssuedCertificate root = root();

        X509Certificate certificate = root.certificate();
        certificate.verify(certificate.getPublicKey());
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=Test Root");
        assertThat(certificate.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(certificate.getKeyUsage()[6]).as("cRLSign").isTrue();
        assertThat(certificate.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(((ECPublicKey) certificate.getPublicKey()).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        assertThat(root.issuers()).isEmpty();
    }

    @Test
    void a_device_under_an_intermediate_validates_with_pkix_and_is_a_client_only_leaf() throws Exception {
        IssuedCertificate root = root();
        IssuedCertificate intermediate = CertificateIssuer.issue(
                CertificateIssuer.Request.ca("Line 4 CA", DAY).withPathLength(0), root);
        IssuedCertificate device = CertificateIssuer.issue(CertificateIssuer.Request.device("dev-0001", DAY),
                intermediate);

        validate(device.chainWithoutRoot(), root.certificate());
        X509Certificate leaf = device.certificate();
        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=dev-0001");
        assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
        assertThat(leaf.getKeyUsage()).startsWith(true, false, false, false, false, false, false);
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(intermediate.certificate().getBasicConstraints()).isZero();
        assertThat(device.chain()).containsExactly(leaf, intermediate.certificate(), root.certificate());
        assertThat(device.chainWithoutRoot()).containsExactly(leaf, intermediate.certificate());
    }

    @Test
    void a_path_length_of_zero_forbids_another_ca_below_it() throws Exception {
        IssuedCertificate root = root();
        IssuedCertificate intermediate = CertificateIssuer.issue(
                CertificateIssuer.Request.ca("No sub-CAs", DAY).withPathLength(0), root);
        IssuedCertificate subCa = CertificateIssuer.issue(CertificateIssuer.Request.ca("Sub CA", DAY), intermediate);
        IssuedCertificate device = CertificateIssuer.issue(CertificateIssuer.Request.device("dev-x", DAY), subCa);

        assertThatThrownBy(() -> validate(device.chainWithoutRoot(), root.certificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void rsa_keys_of_the_requested_size() throws Exception {
        IssuedCertificate root = CertificateIssuer.selfSigned(CertificateIssuer.Request.ca("RSA Root", DAY)
                .withKeyAlgorithm(KeyAlgorithm.rsa(3072)));
        IssuedCertificate device = CertificateIssuer.issue(CertificateIssuer.Request.device("rsa-dev", DAY)
                .withKeyAlgorithm(KeyAlgorithm.RSA_2048), root);

        validate(device.chainWithoutRoot(), root.certificate());
        assertThat(((RSAPublicKey) root.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(3072);
        assertThat(((RSAPublicKey) device.certificate().getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(device.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThatThrownBy(() -> KeyAlgorithm.rsa(1024)).hasMessageContaining("2048, 3072 or 4096");
    }

    @Test
    void a_verification_certificate_carries_the_code_and_is_signed_by_the_ca_key() throws Exception {
        IssuedCertificate root = root();

        IssuedCertificate verification = CertificateIssuer.issue(
                CertificateIssuer.Request.verification("2E1C4C1D8B6A4F3C9D2B7E0A5F6C1B3D", DAY), root);

        verification.certificate().verify(root.certificate().getPublicKey());
        assertThat(verification.certificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=2E1C4C1D8B6A4F3C9D2B7E0A5F6C1B3D");
        assertThat(verification.certificate().getIssuerX500Principal())
                .isEqualTo(root.certificate().getSubjectX500Principal());
    }

    @Test
    void a_subject_with_more_attributes_keeps_them_and_must_have_one_cn() {
        IssuedCertificate root = CertificateIssuer.selfSigned(
                CertificateIssuer.Request.ca("ignored", DAY).withSubject("CN=Acme Root,O=Acme,C=DE"));

        assertThat(root.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=Acme Root,O=Acme,C=DE");
        assertThatThrownBy(() -> CertificateIssuer.Request.ca("x", DAY).withSubject("O=Acme"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one CN");
        assertThatThrownBy(() -> CertificateIssuer.Request.ca("x", DAY).withSubject("not a name"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_certificate_signed_by_a_leaf_fails_pkix_validation() throws Exception {
        IssuedCertificate root = root();
        IssuedCertificate leaf = CertificateIssuer.issue(CertificateIssuer.Request.device("d", DAY), root);
        IssuedCertificate underLeaf = CertificateIssuer.issue(CertificateIssuer.Request.device("e", DAY), leaf);

        assertThat(leaf.isCa()).isFalse();
        assertThatThrownBy(() -> validate(underLeaf.chainWithoutRoot(), root.certificate()))
                .isInstanceOf(CertPathValidatorException.class);
    }

    @Test
    void a_ca_read_back_from_pem_issues_and_a_foreign_key_is_refused() {
        IssuedCertificate root = root();
        IssuedCertificate intermediate = CertificateIssuer.issue(CertificateIssuer.Request.ca("Int", DAY), root);

        IssuedCertificate loaded = IssuedCertificate.fromPem(Pem.certificates(intermediate.chain()),
                Pem.privateKey(intermediate.privateKey()));

        assertThat(loaded.certificate()).isEqualTo(intermediate.certificate());
        assertThat(loaded.issuers()).containsExactly(root.certificate());
        assertThatThrownBy(() -> IssuedCertificate.fromPem(Pem.certificate(intermediate.certificate()),
                Pem.privateKey(root.privateKey()))).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> IssuedCertificate.fromPem("", Pem.privateKey(root.privateKey())))
                .hasMessageContaining("no certificate");
    }
}
