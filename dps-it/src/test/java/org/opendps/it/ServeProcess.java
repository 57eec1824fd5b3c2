package org.opendps.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opendps.app.OpenDps;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ConnectionInfoJson;

/**
 * One {@code opendps serve} as its own process, as a user runs it, on loopback: started, stopped with SIGTERM, killed
 * with SIGKILL and started again on the same data directory and ports, so that devices find it where it was. Its
 * stderr (the logs) goes to a file beside the data directory, for the message of a failed test.
 */
final class ServeProcess implements AutoCloseable {
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    /** What the service promises for SIGTERM: in-flight work finishes or fails, and the process is gone by then. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** How an entry of the log begins (the pattern of logback-test.xml and the app's logback.xml). */
    private static final Pattern LOG_ENTRY = Pattern.compile("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} (\\w+)\\s");

    private final Path dataDir;
    private final Path log;
    private final int httpsPort;
    private final int mqttPort;
    private final List<String> moreOptions;
    private final List<Duration> startups = new ArrayList<>();
    private Process process;
    private ConnectionInfo info;

    /**
     * @param httpsPort 0 for any free port, chosen again at every start
     * @param moreOptions further {@code serve} options, e.g. {@code --database-url}
     */
    ServeProcess(Path dataDir, int httpsPort, int mqttPort, String... moreOptions) {
        this.dataDir = dataDir;
        this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        this.httpsPort = httpsPort;
        this.mqttPort = mqttPort;
        this.moreOptions = List.of(moreOptions);
    }

    /** A node on ports picked now and kept across restarts. */
    static ServeProcess onFreePorts(Path dataDir, String... moreOptions) throws IOException {
        return new ServeProcess(dataDir, freePort(), freePort(), moreOptions);
    }

    /** Starts the process and returns at once, for tests of a start that must fail. */
    Process launch() throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx384m", "-cp", System.getProperty("java.class.path"), "org.opendps.app.Main",
                "serve", "--data-dir", dataDir.toString(), "--bind", "127.0.0.1", "--https-port",
                String.valueOf(httpsPort), "--mqtt-port", String.valueOf(mqttPort)));
        command.addAll(moreOptions);
        if (Files.isDirectory(dataDir)) {
            Files.deleteIfExists(dataDir.resolve(OpenDps.CONNECTION_INFO_FILE)); // a previous run's says nothing now
        }
        process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        info = null;
        return process;
    }

    /** Starts the process and waits until it serves. */
    ConnectionInfo start() throws Exception {
        long begin = System.nanoTime();
        launch();
        ConnectionInfo ready = awaitReady();
        startups.add(Duration.ofNanos(System.nanoTime() - begin));
        return ready;
    }

    /** How long each {@link #start()} took until the node served. */
    List<Duration> startups() {
        return List.copyOf(startups);
    }

    /** Waits until the launched process serves: it writes connection-info.json last. */
    ConnectionInfo awaitReady() throws Exception {
        Path file = dataDir.resolve(OpenDps.CONNECTION_INFO_FILE);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                info = ConnectionInfoJson.read(file);
                return info;
            }
            if (!process.isAlive()) {
                throw new AssertionError("serve exited with " + process.exitValue() + ": " + log());
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new AssertionError("serve wrote no connection-info.json within " + START_TIMEOUT + ": " + log());
    }

    /** SIGTERM; asserts a clean exit within {@link #STOP_TIMEOUT} (143 is the JVM's code for a SIGTERM it handled). */
    void stop() throws InterruptedException {
        process.destroy();
        boolean exited = process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        assertThat(exited).as("exited within %s of SIGTERM", STOP_TIMEOUT).isTrue();
        assertThat(process.exitValue()).as(log()).isIn(0, 143);
    }

    /** SIGKILL: no shutdown hook runs, whatever was in flight is cut off. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The running process's connection info. */
    ConnectionInfo info() {
        return info;
    }

    int httpsPort() {
        return httpsPort;
    }

    Path dataDir() {
        return dataDir;
    }

    /** A client as the owner policy, trusting the instance's CA. */
    RemoteServer client() throws Exception {
        return new RemoteServer(info);
    }

    /**
     * The ERROR entries of the log so far, each with the stack that follows it: what an answer of 500 (or an
     * assignment failed unexpectedly) leaves behind, for the message of a test that saw one.
     */
    List<String> errors() {
        List<String> errors = new ArrayList<>();
        StringBuilder entry = null;
        for (String line : log().split("\\R")) {
            Matcher start = LOG_ENTRY.matcher(line);
            if (start.lookingAt()) {
                if (entry != null) {
                    errors.add(entry.toString());
                }
                entry = start.group(1).equals("ERROR") ? new StringBuilder(line) : null;
            } else if (entry != null) {
                entry.append('\n').append(line);
            }
        }
        if (entry != null) {
            errors.add(entry.toString());
        }
        return errors;
    }

    /** Everything the process wrote to stderr so far. */
    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (alive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
