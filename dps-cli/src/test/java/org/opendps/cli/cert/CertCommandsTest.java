package org.opendps.cli.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.cli.Cli;

class CertCommandsTest {
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

    @TempDir
    Path dir;

    private static Cli.Result ok(Cli.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }

    private static List<X509Certificate> certificates(Path file) throws Exception {
        return Pem.readCertificates(Files.readString(file));
    }

    private static X509Certificate certificate(Path file) throws Exception {
        return certificates(file).get(0);
    }

    private static PrivateKey key(Path file) throws Exception {
        return Pem.readPrivateKey(Files.readString(file));
    }

    private static String permissions(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    /** The JDK's PKIX validator with only the root trusted. */
    static void validate(List<X509Certificate> chain, X509Certificate root) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(chain), parameters);
    }

    private void rootAndIntermediate() {
        ok(Cli.run("cert", "create-root", "--out", dir.toString(), "--cn", "Acme Devices Root"));
        ok(Cli.run("cert", "create-intermediate", "--out", dir.toString(), "--subject", "CN=Line 4,O=Acme",
                "--pathlen", "0", "--ca-cert", dir.resolve("root-ca.cert.pem").toString(), "--ca-key",
                dir.resolve("root-ca.key.pem").toString()));
    }

    private String[] issuedByIntermediate(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--ca-cert", dir.resolve("intermediate-ca.chain.pem").toString(),
                "--ca-key", dir.resolve("intermediate-ca.key.pem").toString()));
        return all.toArray(String[]::new);
    }

    @Test
    void create_root_writes_a_ca_certificate_and_an_owner_only_pkcs8_key() throws Exception {
        Cli.Result result = ok(Cli.run("cert", "create-root", "--out", dir.toString(), "--days", "10"));

        X509Certificate root = certificate(dir.resolve("root-ca.cert.pem"));
        assertThat(root.getSubjectX500Principal().getName()).isEqualTo("CN=OpenDPS Device Root CA");
        assertThat(root.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);
        assertThat(root.getNotAfter().getTime() - root.getNotBefore().getTime())
                .isEqualTo(10L * 24 * 3600 * 1000);
        assertThat(Files.readString(dir.resolve("root-ca.key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(IssuedCertificate.fromPem(Files.readString(dir.resolve("root-ca.cert.pem")),
                Files.readString(dir.resolve("root-ca.key.pem"))).isCa()).isTrue();
        assertThat(permissions(dir.resolve("root-ca.key.pem"))).isEqualTo("rw-------");
        assertThat(dir.resolve("root-ca.chain.pem")).doesNotExist();
        String sha256 = HexFormat.of().withUpperCase().formatHex(
                MessageDigest.getInstance("SHA-256").digest(root.getEncoded()));
        assertThat(result.out()).contains("sha256Thumbprint  " + sha256);
    }

    @Test
    void no_file_is_replaced_without_force() throws Exception {
        ok(Cli.run("cert", "create-root", "--out", dir.toString()));
        String before = Files.readString(dir.resolve("root-ca.key.pem"));

        Cli.Result again = Cli.run("cert", "create-root", "--out", dir.toString());

        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.err()).contains("root-ca.cert.pem exists").contains("--force");
        assertThat(Files.readString(dir.resolve("root-ca.key.pem"))).isEqualTo(before);
        ok(Cli.run("cert", "create-root", "--out", dir.toString(), "--force"));
        assertThat(Files.readString(dir.resolve("root-ca.key.pem"))).isNotEqualTo(before);
        assertThat(permissions(dir.resolve("root-ca.key.pem"))).isEqualTo("rw-------");
    }

    @Test
    void a_device_under_an_intermediate_has_its_id_as_cn_and_a_chain_file_that_validates() throws Exception {
        rootAndIntermediate();

        ok(Cli.run(issuedByIntermediate("cert", "create-device", "--registration-id", "sensor-17", "--out",
                dir.toString())));

        X509Certificate root = certificate(dir.resolve("root-ca.cert.pem"));
        X509Certificate intermediate = certificate(dir.resolve("intermediate-ca.cert.pem"));
        X509Certificate device = certificate(dir.resolve("sensor-17.cert.pem"));
        assertThat(intermediate.getSubjectX500Principal().getName()).isEqualTo("CN=Line 4,O=Acme");
        assertThat(intermediate.getBasicConstraints()).isZero();
        assertThat(device.getSubjectX500Principal().getName()).isEqualTo("CN=sensor-17");
        assertThat(device.getBasicConstraints()).isEqualTo(-1);
        assertThat(device.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(device.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        List<X509Certificate> chain = certificates(dir.resolve("sensor-17.chain.pem"));
        assertThat(chain).containsExactly(device, intermediate);
        validate(chain, root);
        assertThat(IssuedCertificate.fromPem(Files.readString(dir.resolve("sensor-17.cert.pem")),
                Files.readString(dir.resolve("sensor-17.key.pem"))).privateKey()).isNotNull();
        assertThat(permissions(dir.resolve("sensor-17.key.pem"))).isEqualTo("rw-------");
    }

    @Test
    void rsa_on_request_with_the_size_asked_for() throws Exception {
        ok(Cli.run("cert", "create-root", "--out", dir.toString(), "--key-type", "rsa", "--rsa-bits", "3072"));
        ok(Cli.run("cert", "create-device", "--registration-id", "rsa-dev", "--key-type", "rsa", "--out",
                dir.toString(), "--ca-cert", dir.resolve("root-ca.cert.pem").toString(), "--ca-key",
                dir.resolve("root-ca.key.pem").toString()));

        assertThat(((RSAPublicKey) certificate(dir.resolve("root-ca.cert.pem")).getPublicKey()).getModulus()
                .bitLength()).isEqualTo(3072);
        assertThat(key(dir.resolve("rsa-dev.key.pem")).getAlgorithm()).isEqualTo("RSA");
        assertThat(((RSAPublicKey) certificate(dir.resolve("rsa-dev.cert.pem")).getPublicKey()).getModulus()
                .bitLength()).isEqualTo(2048);
        Cli.Result ecWithBits = Cli.run("cert", "create-root", "--out", dir.resolve("x").toString(), "--rsa-bits",
                "4096");
        assertThat(ecWithBits.exitCode()).isEqualTo(2);
        assertThat(ecWithBits.err()).contains("--rsa-bits needs --key-type rsa");
    }

    @Test
    void a_verification_certificate_has_the_code_as_cn_and_is_signed_by_the_ca_key() throws Exception {
        rootAndIntermediate();

        ok(Cli.run(issuedByIntermediate("cert", "verification-cert", "--code", "0A1B2C3D4E5F", "--out",
                dir.toString())));

        X509Certificate verification = certificate(dir.resolve("verification-0A1B2C3D4E5F.cert.pem"));
        verification.verify(certificate(dir.resolve("intermediate-ca.cert.pem")).getPublicKey());
        assertThat(verification.getSubjectX500Principal().getName()).isEqualTo("CN=0A1B2C3D4E5F");
        assertThat(dir.resolve("verification-0A1B2C3D4E5F.key.pem")).doesNotExist();
    }

    @Test
    void a_ca_key_of_another_certificate_or_a_leaf_as_ca_is_refused_with_exit_8() throws Exception {
        rootAndIntermediate();
        ok(Cli.run(issuedByIntermediate("cert", "create-device", "--registration-id", "leaf-1", "--out",
                dir.toString())));

        Cli.Result wrongKey = Cli.run("cert", "create-device", "--registration-id", "d2", "--out", dir.toString(),
                "--ca-cert", dir.resolve("root-ca.cert.pem").toString(), "--ca-key",
                dir.resolve("intermediate-ca.key.pem").toString());
        Cli.Result leafAsCa = Cli.run("cert", "create-device", "--registration-id", "d3", "--out", dir.toString(),
                "--ca-cert", dir.resolve("leaf-1.cert.pem").toString(), "--ca-key",
                dir.resolve("leaf-1.key.pem").toString());

        assertThat(wrongKey.exitCode()).as(wrongKey.toString()).isEqualTo(8);
        assertThat(wrongKey.err()).contains("does not belong");
        assertThat(leafAsCa.exitCode()).isEqualTo(8);
        assertThat(leafAsCa.err()).contains("not a CA certificate");
        assertThat(dir.resolve("d2.cert.pem")).doesNotExist();
        assertThat(dir.resolve("d3.key.pem")).doesNotExist();
    }

    @Test
    void a_subject_whose_cn_is_not_the_registration_id_or_an_invalid_id_is_a_usage_error() {
        rootAndIntermediate();

        Cli.Result otherCn = Cli.run(issuedByIntermediate("cert", "create-device", "--registration-id", "dev-1",
                "--subject", "CN=dev-2,O=Acme", "--out", dir.toString()));
        Cli.Result badId = Cli.run(issuedByIntermediate("cert", "create-device", "--registration-id", "dev/1",
                "--out", dir.toString()));

        assertThat(otherCn.exitCode()).isEqualTo(2);
        assertThat(otherCn.err()).contains("must be the registration ID dev-1");
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(dir.resolve("dev-1.cert.pem")).doesNotExist();
    }

    @Test
    void output_json_names_the_files() throws Exception {
        Cli.Result result = ok(Cli.run("cert", "create-root", "--out", dir.toString(), "--name", "fleet", "-o",
                "json"));

        assertThat(result.out()).contains("\"certificateFile\" : \"" + dir.resolve("fleet.cert.pem") + "\"")
                .contains("\"keyFile\" : \"" + dir.resolve("fleet.key.pem") + "\"")
                .contains("\"subject\" : \"CN=OpenDPS Device Root CA\"");
    }
}
