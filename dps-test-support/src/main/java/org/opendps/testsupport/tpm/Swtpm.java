package org.opendps.testsupport.tpm;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real TPM 2.0 simulator for a test: Debian's {@code swtpm} in socket mode on loopback, with a fresh state
 * directory, started and powered up ({@code startup-clear}). Its command port speaks the Microsoft simulator's TCP
 * framing, which TSS.Java's {@code TpmDeviceTcp} uses; the control channel listens on the next port.
 *
 * <p>Without {@code swtpm} on the PATH the test is skipped, saying so; with {@code DPS_TEST_TPM=required}, as in
 * CI, it fails instead.
 */
public final class Swtpm implements AutoCloseable {
    private static final int ATTEMPTS = 5;

    private final Process process;
    private final Path stateDir;
    private final int port;

    private Swtpm(Process process, Path stateDir, int port) {
        this.process = process;
        this.stateDir = stateDir;
        this.port = port;
    }

    /** Starts a simulator on free ports, or skips (fails when required) the calling test without swtpm. */
    public static Swtpm start() {
        requireSwtpm();
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Path stateDir = null;
            try {
                stateDir = Files.createTempDirectory("swtpm-");
                int port = twoFreePorts();
                Process process = new ProcessBuilder(command(stateDir, port)).redirectErrorStream(true)
                        .redirectOutput(stateDir.resolve("swtpm.log").toFile()).start();
                Swtpm swtpm = new Swtpm(process, stateDir, port);
                if (swtpm.awaitListening()) {
                    return swtpm;
                }
                last = new IOException("swtpm did not listen on " + port + ": " + swtpm.log());
                swtpm.close();
            } catch (IOException e) {
                last = e;
                deleteQuietly(stateDir);
            }
        }
        throw new UncheckedIOException("could not start swtpm", last);
    }

    /** The command port on 127.0.0.1 (the control channel is the next one). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteQuietly(stateDir);
    }

    private static List<String> command(Path stateDir, int port) {
        return List.of("swtpm", "socket", "--tpm2",
                "--tpmstate", "dir=" + stateDir,
                "--server", "type=tcp,port=" + port + ",bindaddr=127.0.0.1",
                "--ctrl", "type=tcp,port=" + (port + 1) + ",bindaddr=127.0.0.1",
                "--flags", "not-need-init,startup-clear");
    }

    private boolean awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            // The control channel is opened last; probing it leaves the single-client command port untouched.
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port + 1)) {
                return true;
            } catch (IOException e) {
                sleep(50);
            }
        }
        return false;
    }

    private String log() {
        try {
            return Files.readString(stateDir.resolve("swtpm.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** A port P such that P and P + 1 were both free a moment ago. */
    private static int twoFreePorts() throws IOException {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port < 65535) {
                    try (ServerSocket second = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress())) {
                        return port;
                    } catch (IOException taken) {
                        // try another pair
                    }
                }
            }
        }
        throw new IOException("no two adjacent free ports on loopback");
    }

    private static void requireSwtpm() {
        boolean present;
        try {
            Process version = new ProcessBuilder("swtpm", "--version").redirectErrorStream(true).start();
            version.getInputStream().readAllBytes();
            present = version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0;
        } catch (IOException e) {
            present = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            present = false;
        }
        if (!present) {
            if ("required".equals(System.getenv("DPS_TEST_TPM"))) {
                fail("swtpm is required here (DPS_TEST_TPM=required) but not found");
            }
            Assumptions.abort("swtpm not found (Debian: apt-get install swtpm swtpm-tools): skipping the TPM test");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
