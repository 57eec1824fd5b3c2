package org.opendps.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.opendps.cli.BaseCommand;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OutputMixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opendps bench tls-ceiling}: how many full TLS handshakes (each with one small request) per second this
 * machine serves with the server's TLS stack and nothing else, the ceiling a registration rate is measured against.
 */
@Command(name = "tls-ceiling", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure the bare TLS ceiling: fresh handshakes, each with one small HTTPS request, against a "
                + "trivial server with OpenDPS's TLS stack (BoringSSL, ECDSA P-256) that this command starts in a "
                + "separate process on loopback."})
public final class TlsCeilingCommand extends BaseCommand {
    @Option(names = "--handshakes", required = true, order = 1, paramLabel = "N",
            description = "Handshakes (and requests) to make.")
    int handshakes;

    @Mixin
    RunOptions run;

    @Option(names = "--client-certificate", order = 2,
            description = "Present a client certificate (ECDSA P-256) in every handshake, as X.509 devices do.")
    boolean clientCertificate;

    @Mixin
    OutputMixin output;

    @Override
    protected ExitCode execute() {
        LoadRun.closeIdleConnectionsPromptly();
        LoadRun.Pace pace = run.pace(handshakes, "--handshakes");
        BenchResult result = measure(run, pace, handshakes, clientCertificate, err());
        Map<String, Object> fields = new LinkedHashMap<>();
        run.describe(fields);
        fields.put("clientCertificate", clientCertificate);
        fields.putAll(result.fields("handshakes", "handshakesPerSecond"));
        Reports.print(out(), output.json(), fields);
        if (result.completed() < handshakes) {
            throw new CliException(ExitCode.SERVER, (handshakes - result.completed()) + " of " + handshakes
                    + " handshakes failed");
        }
        return ExitCode.OK;
    }

    /** Starts the bare server, runs the warm-up and then {@code count} attempts against it, and stops it. */
    static BenchResult measure(RunOptions run, LoadRun.Pace pace, int count, boolean clientCertificate,
            java.io.PrintWriter progress) {
        try (TlsCeiling ceiling = TlsCeiling.start(run.timeout(), clientCertificate)) {
            if (run.warmup > 0) {
                new LoadRun<Integer>(ceiling::handshakeAndRequest, pace, progress)
                        .run(numbers(run.warmup), run.durationLimit(), "ceiling warm-up");
            }
            return new LoadRun<Integer>(ceiling::handshakeAndRequest, pace, progress)
                    .run(numbers(count), run.durationLimit(), "tls-ceiling");
        } catch (IOException e) {
            throw new CliException(ExitCode.LOCAL, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.SERVER, "interrupted");
        }
    }

    private static List<Integer> numbers(int count) {
        return IntStream.range(0, count).boxed().toList();
    }
}
