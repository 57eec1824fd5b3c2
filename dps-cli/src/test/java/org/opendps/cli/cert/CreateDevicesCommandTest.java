package org.opendps.cli.cert;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendps.attestation.pki.IssuedCertificate;
import org.opendps.attestation.pki.Pem;
import org.opendps.cli.Cli;

class CreateDevicesCommandTest {
    @TempDir
    Path dir;

    private Path out;
    private X509Certificate root;

    @BeforeEach
    void root() throws Exception {
        Cli.Result result = Cli.run("cert", "create-root", "--out", dir.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        root = Pem.readCertificates(Files.readString(dir.resolve("root-ca.cert.pem"))).get(0);
        out = dir.resolve("run-1");
    }

    private Cli.Result createDevices(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("cert", "create-devices", "--out", out.toString(),
                "--ca-cert", dir.resolve("root-ca.cert.pem").toString(),
                "--ca-key", dir.resolve("root-ca.key.pem").toString()));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    @Test
    void fifty_devices_each_with_certificate_key_chain_and_a_manifest_row_that_matches_its_files() throws Exception {
        Cli.Result result = createDevices("--count", "50", "--prefix", "line4-");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.out()).contains("devices       50");
        List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
        assertThat(manifest).hasSize(51);
        assertThat(manifest.get(0)).isEqualTo(
                "registrationId,certificateFile,keyFile,chainFile,sha1Thumbprint,sha256Thumbprint,notAfter");
        for (int i = 1; i <= 50; i++) {
            String id = String.format("line4-%04d", i);
            String[] row = manifest.get(i).split(",");
            assertThat(row[0]).isEqualTo(id);
            assertThat(row[1]).isEqualTo(id + ".cert.pem");
            X509Certificate certificate = Pem.readCertificates(Files.readString(out.resolve(row[1]))).get(0);
            assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + id);
            assertThat(row[4]).isEqualTo(HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(certificate.getEncoded())));
            assertThat(row[5]).isEqualTo(HexFormat.of().withUpperCase().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())));
            assertThat(row[6]).isEqualTo(certificate.getNotAfter().toInstant().toString());
            IssuedCertificate.fromPem(Files.readString(out.resolve(row[1])), Files.readString(out.resolve(row[2])));
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(row[2]))))
                    .isEqualTo("rw-------");
            CertCommandsTest.validate(Pem.readCertificates(Files.readString(out.resolve(row[3]))), root);
        }
    }

    @Test
    void a_second_run_into_the_same_directory_is_refused_and_writes_nothing() throws Exception {
        assertThat(createDevices("--count", "3", "--prefix", "d-").exitCode()).isZero();
        String manifest = Files.readString(out.resolve("manifest.csv"));

        Cli.Result again = createDevices("--count", "5", "--prefix", "d-");

        assertThat(again.exitCode()).isEqualTo(4);
        assertThat(again.err()).contains("manifest.csv exists").contains("more of the files");
        assertThat(Files.readString(out.resolve("manifest.csv"))).isEqualTo(manifest);
        assertThat(out.resolve("d-0004.cert.pem")).doesNotExist();
    }

    @Test
    void ids_from_a_file_skip_comments_and_a_duplicate_id_is_a_usage_error() throws Exception {
        Path ids = Files.writeString(dir.resolve("ids.txt"), "# line 4, shift 2\nAA-1\n\nbb:2\n");
        Path duplicates = Files.writeString(dir.resolve("dups.txt"), "dev-1\nDEV-1\n");

        Cli.Result fromFile = createDevices("--ids-from", ids.toString());
        Cli.Result duplicated = Cli.run("cert", "create-devices", "--out", dir.resolve("run-2").toString(),
                "--ids-from", duplicates.toString(), "--ca-cert", dir.resolve("root-ca.cert.pem").toString(),
                "--ca-key", dir.resolve("root-ca.key.pem").toString());

        assertThat(fromFile.exitCode()).as(fromFile.toString()).isZero();
        assertThat(Files.readAllLines(out.resolve("manifest.csv"))).extracting(line -> line.split(",")[0])
                .containsExactly("registrationId", "AA-1", "bb:2");
        assertThat(duplicated.exitCode()).isEqualTo(2);
        assertThat(duplicated.err()).contains("'DEV-1' appears twice");
        assertThat(dir.resolve("run-2").resolve("dev-1.cert.pem")).doesNotExist();
    }

    @Test
    void count_without_prefix_is_a_usage_error() {
        Cli.Result result = createDevices("--count", "3");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).contains("--count and --prefix together");
    }
}
