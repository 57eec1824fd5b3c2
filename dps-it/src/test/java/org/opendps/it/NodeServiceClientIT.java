package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official npm DPS service client ({@code azure-iot-provisioning-service} 1.11.2), unmodified, drives a real
 * OpenDPS: see {@code src/test/node/service-client/service-client.js}. Node.js is optional on a developer's
 * machine (the test is skipped, saying so); with {@code DPS_TEST_NODE=required}, as in CI, it must run.
 */
class NodeServiceClientIT {
    private static final Path PROJECT = Path.of("src/test/node/service-client").toAbsolutePath();

    @TempDir
    Path dataDir;

    @Test
    void npm_service_client_manages_enrollments_groups_queries_and_bulk() throws Exception {
        requireNode();
        installModules();
        try (TestServer server = TestServer.start(dataDir)) {
            ProcessBuilder node = new ProcessBuilder("node", "service-client.js").directory(PROJECT.toFile());
            node.environment().put("OPENDPS_PORT", String.valueOf(server.httpsPort()));
            node.environment().put("OPENDPS_CA", server.info().caCertificate());
            node.environment().put("OPENDPS_CONNECTION_STRING", server.info().serviceConnectionString());
            Result result = run(node, 120);

            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stdout()).contains("\"ok\":true").contains("\"staleEtag\":\"InvalidEtagError\"")
                    .contains("\"conflict\":\"DeviceAlreadyExistsError\"");
        }
    }

    static void requireNode() {
        boolean present;
        try {
            present = run(new ProcessBuilder("node", "--version"), 30).exitCode() == 0
                    && run(new ProcessBuilder("npm", "--version"), 30).exitCode() == 0;
        } catch (IOException | InterruptedException e) {
            present = false;
        }
        if (!present) {
            if ("required".equals(System.getenv("DPS_TEST_NODE"))) {
                fail("Node.js and npm are required here (DPS_TEST_NODE=required) but not found");
            }
            Assumptions.abort("Node.js or npm not found: skipping the npm service client test");
        }
    }

    private static void installModules() throws Exception {
        installModules(PROJECT, "azure-iot-provisioning-service");
    }

    /** npm ci installs exactly what package-lock.json pins; done once per checkout (when the module is missing). */
    static void installModules(Path project, String module) throws Exception {
        if (Files.isDirectory(project.resolve("node_modules").resolve(module))) {
            return;
        }
        Result install = run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(project.toFile()), 300);
        assertThat(install.exitCode()).as("npm ci: " + install.stderr()).isZero();
    }

    record Result(int exitCode, String stdout, String stderr) {}

    static Result run(ProcessBuilder builder, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", builder.command()) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

}
