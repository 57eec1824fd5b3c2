package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * An npm project under {@code src/test/node/} that drives OpenDPS with official npm clients. Node.js is optional
 * on a developer's machine (the test is skipped, saying so); with {@code DPS_TEST_NODE=required}, as in CI, it
 * must run.
 */
final class NodeProject {
    private final Path directory;

    private NodeProject(Path directory) {
        this.directory = directory;
    }

    /**
     * The project, its modules installed with {@code npm ci} (exactly what package-lock.json pins; done once per
     * checkout, judged by {@code installedModule}).
     */
    static NodeProject installed(String name, String installedModule) throws Exception {
        requireNode();
        NodeProject project = new NodeProject(Path.of("src/test/node", name).toAbsolutePath());
        if (!Files.isDirectory(project.directory.resolve("node_modules").resolve(installedModule))) {
            Result install = run(new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(project.directory.toFile()), 300);
            assertThat(install.exitCode()).as("npm ci: " + install.stderr()).isZero();
        }
        return project;
    }

    /** A {@code node} command in the project's directory, to add the environment to before {@link #run}. */
    ProcessBuilder node(String script) {
        return new ProcessBuilder("node", script).directory(directory.toFile());
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

    private static void requireNode() {
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
            Assumptions.abort("Node.js or npm not found: skipping the npm client tests");
        }
    }
}
