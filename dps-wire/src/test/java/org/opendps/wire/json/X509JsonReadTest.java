package org.opendps.wire.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.wire.json.Fixtures.assertInvalidField;
import static org.opendps.wire.json.Fixtures.json;

import org.junit.jupiter.api.Test;
import org.opendps.core.enrollment.EnrollmentGroup;
import org.opendps.core.enrollment.IndividualEnrollment;
import org.opendps.core.enrollment.X509Attestation;
import org.opendps.core.enrollment.X509Kind;

/** The x509 attestation as clients send it and as they send back what they read. */
class X509JsonReadTest {

    private static IndividualEnrollment read(String singleQuoted) {
        return EnrollmentJson.readEnrollment(json(singleQuoted)).item();
    }

    @Test
    void read_enrollment_reads_x509_certificate_text_unparsed() {
        IndividualEnrollment e = read("{'registrationId':'d','attestation':{'type':'x509','x509':{"
                + "'clientCertificates':{'primary':{'certificate':'-----BEGIN CERTIFICATE-----\\nMIIB\\n"
                + "-----END CERTIFICATE-----'},'secondary':{'certificate':'TUlJQg=='}}}}}");

        X509Attestation x509 = (X509Attestation) e.attestation();
        assertThat(x509.kind()).isEqualTo(X509Kind.CLIENT_CERTIFICATES);
        assertThat(x509.primary().certificate()).startsWith("-----BEGIN CERTIFICATE-----\nMIIB");
        assertThat(x509.secondary().certificate()).isEqualTo("TUlJQg==");
    }

    @Test
    void read_enrollment_keeps_info_of_a_certificate_sent_back_without_its_text() {
        IndividualEnrollment e = read("{'registrationId':'d','attestation':{'type':'x509','x509':{"
                + "'clientCertificates':{'primary':{'info':{'subjectName':'CN=d','sha256Thumbprint':'AB12',"
                + "'notBeforeUtc':'2024-01-01T00:00:00Z','version':3,'notAfterUtc':42}}}}}}");

        X509Attestation x509 = (X509Attestation) e.attestation();
        assertThat(x509.primary().certificate()).isNull();
        assertThat(x509.primary().info().sha256Thumbprint()).isEqualTo("AB12");
        assertThat(x509.primary().info().version()).isEqualTo(3);
        assertThat(x509.primary().info().notAfterUtc()).isNull(); // read-only: a wrong type is not an error
    }

    @Test
    void read_group_takes_ca_references() {
        EnrollmentGroup g = EnrollmentJson.readGroup(json("{'enrollmentGroupId':'g','attestation':{'type':'x509',"
                + "'x509':{'caReferences':{'primary':'root','secondary':'backup'}}}}")).item();

        X509Attestation x509 = (X509Attestation) g.attestation();
        assertThat(x509.kind()).isEqualTo(X509Kind.CA_REFERENCES);
        assertThat(x509.primary().caReference()).isEqualTo("root");
        assertThat(x509.secondary().caReference()).isEqualTo("backup");
    }

    @Test
    void read_enrollment_rejects_x509_without_x509_object() {
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'x509'}}"),
                "attestation.x509", "required");
    }

    @Test
    void read_enrollment_rejects_x509_with_no_certificate_kind() {
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'x509','x509':{}}}"),
                "attestation.x509", "must hold exactly one of clientCertificates, signingCertificates or caReferences");
    }

    @Test
    void read_enrollment_rejects_x509_with_two_certificate_kinds() {
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'x509','x509':{"
                + "'clientCertificates':{'primary':{'certificate':'a'}},'caReferences':{'primary':'r'}}}}"),
                "attestation.x509", "must hold exactly one of clientCertificates, signingCertificates or caReferences");
    }

    @Test
    void read_enrollment_rejects_certificates_without_primary() {
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'x509','x509':{"
                + "'signingCertificates':{'secondary':{'certificate':'a'}}}}}"),
                "attestation.x509.signingCertificates.primary", "required");
    }

    @Test
    void read_enrollment_rejects_ca_references_without_primary() {
        assertInvalidField(() -> read("{'registrationId':'d','attestation':{'type':'x509','x509':{"
                + "'caReferences':{'secondary':'r'}}}}"), "attestation.x509.caReferences.primary", "required");
    }
}
