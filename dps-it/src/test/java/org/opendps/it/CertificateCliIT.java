package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendps.it.CliIT.field;
import static org.opendps.it.CliIT.ok;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.CertificateIssuer;
import org.opendps.attestation.pki.CertificateIssuer.Request;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;

/**
 * {@code opendps certificate ...} in-process against a real OpenDPS, as in {@link CliIT}: upload, list, show,
 * proof of possession in two steps (the code printed alone, for the tool that signs the verification certificate),
 * replace and delete.
 */
class CertificateCliIT {
    private static final Duration DAY = Duration.ofDays(1);

    @TempDir
    static Path dataDir;

    @TempDir
    static Path files;

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(dataDir);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static CliIT.Result opendps(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--connection-info");
        all.add(dataDir.resolve("connection-info.json").toString());
        return CliIT.run(all.toArray(String[]::new));
    }

    @Test
    void upload_verify_by_proof_of_possession_list_show_and_delete() throws Exception {
        IssuedCertificate root = CertificateIssuer.selfSigned(Request.ca("CLI Root", DAY));
        Path rootPem = write("cli-root.pem", Pem.certificate(root.certificate()));

        CliIT.Result uploaded = ok(opendps("certificate", "upload", "cli-root", "--file", rootPem.toString()));
        assertThat(field(uploaded, "verified")).isEqualTo("false");
        assertThat(field(uploaded, "subject")).isEqualTo("CN=CLI Root");

        CliIT.Result code = ok(opendps("certificate", "verify", "cli-root", "--generate-code"));
        String verificationCode = code.out().strip();
        assertThat(verificationCode).matches("[0-9A-F]{48}");

        IssuedCertificate wrong = CertificateIssuer.issue(Request.leaf("NOT-THE-CODE", DAY, List.of()), root);
        CliIT.Result refused = opendps("certificate", "verify", "cli-root", "--file",
                write("wrong.pem", Pem.certificate(wrong.certificate())).toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(6);
        assertThat(refused.err()).contains("400009");

        // What the manufacturing tool writes: a certificate with CN = code, signed by the CA's key.
        IssuedCertificate proof = CertificateIssuer.issue(Request.leaf(verificationCode, DAY, List.of()), root);
        CliIT.Result verified = ok(opendps("certificate", "verify", "cli-root", "--file",
                write("proof.pem", Pem.certificate(proof.certificate())).toString()));
        assertThat(field(verified, "verified")).isEqualTo("true");
        CliIT.Result spent = opendps("certificate", "verify", "cli-root", "--file",
                write("proof-again.pem", Pem.certificate(proof.certificate())).toString());
        assertThat(spent.exitCode()).as(spent.toString()).isEqualTo(6);

        CliIT.Result listed = ok(opendps("certificate", "list"));
        assertThat(listed.out()).contains("cli-root").contains("true").contains("CN=CLI Root");
        CliIT.Result shown = ok(opendps("certificate", "show", "cli-root", "--output", "json"));
        assertThat(shown.out()).contains("\"isVerified\" : true").doesNotContain(verificationCode);

        ok(opendps("certificate", "delete", "cli-root"));
        assertThat(opendps("certificate", "show", "cli-root").exitCode()).isEqualTo(3);
    }

    @Test
    void upload_of_der_vouched_for_then_replace_only_when_asked() throws Exception {
        IssuedCertificate ca = CertificateIssuer.selfSigned(Request.ca("CLI DER CA", DAY));
        Path der = files.resolve("ca.der");
        Files.write(der, ca.certificate().getEncoded());

        assertThat(field(ok(opendps("certificate", "upload", "cli-der", "--file", der.toString(), "--verified")),
                "verified")).isEqualTo("true");
        CliIT.Result taken = opendps("certificate", "upload", "cli-der", "--file", der.toString());
        assertThat(taken.exitCode()).as(taken.toString()).isEqualTo(4);

        IssuedCertificate other = CertificateIssuer.selfSigned(Request.ca("CLI Other CA", DAY));
        CliIT.Result replaced = ok(opendps("certificate", "upload", "cli-der", "--replace", "--file",
                write("other.pem", Pem.certificate(other.certificate())).toString()));
        assertThat(field(replaced, "subject")).isEqualTo("CN=CLI Other CA");
        assertThat(field(replaced, "verified")).isEqualTo("false");

        IssuedCertificate leaf = CertificateIssuer.issue(Request.leaf("a-device", DAY, List.of()), ca);
        CliIT.Result notCa = opendps("certificate", "upload", "cli-leaf", "--file",
                write("leaf.pem", Pem.certificate(leaf.certificate())).toString());
        assertThat(notCa.exitCode()).as(notCa.toString()).isEqualTo(6);
        assertThat(notCa.err()).contains("not a CA certificate");
    }

    private static Path write(String name, String text) throws Exception {
        return Files.writeString(files.resolve(name), text, StandardCharsets.UTF_8);
    }
}
