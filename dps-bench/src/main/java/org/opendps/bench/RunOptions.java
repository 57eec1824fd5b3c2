package org.opendps.bench;

import java.time.Duration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a bench run is paced and bounded, the same for registrations and for the TLS ceiling. */
final class RunOptions {
    /** Exactly one: the closed loop or the open loop. */
    static final class PaceOptions {
        @Option(names = "--concurrency", required = true, paramLabel = "C",
                description = "At most C attempts in flight (closed loop).")
        int concurrency;

        @Option(names = "--rate", required = true, paramLabel = "R",
                description = "Start R attempts per second, however many are in flight (open loop).")
        double rate;
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1", order = 2)
    PaceOptions pace;

    @Option(names = "--duration-limit", order = 7, paramLabel = "SECONDS", defaultValue = "300",
            description = "Start nothing after this long. Default: ${DEFAULT-VALUE}.")
    int durationLimitSeconds = 300;

    @Option(names = "--warmup", order = 8, paramLabel = "N", defaultValue = "0",
            description = "Run N extra attempts first, left out of the figures. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--timeout", order = 9, paramLabel = "SECONDS", defaultValue = "60",
            description = "One attempt gives up after this long, polls included. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds = 60;

    /** The pace, after checking every number here and that {@code count} is at least 1. */
    LoadRun.Pace pace(int count, String countOption) {
        if (count < 1) {
            throw usage(countOption + " must be at least 1");
        }
        if (pace.concurrency < 0 || (pace.concurrency == 0 && pace.rate <= 0)) {
            throw usage("--concurrency and --rate must be positive");
        }
        if (warmup < 0 || durationLimitSeconds < 1 || timeoutSeconds < 1) {
            throw usage("--warmup must not be negative; --duration-limit and --timeout must be at least 1 second");
        }
        return new LoadRun.Pace(pace.concurrency, pace.rate);
    }

    Duration durationLimit() {
        return Duration.ofSeconds(durationLimitSeconds);
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** How the report names the pace. */
    void describe(java.util.Map<String, Object> fields) {
        fields.put(pace.concurrency > 0 ? "concurrency" : "rate",
                pace.concurrency > 0 ? (Object) pace.concurrency : (Object) pace.rate);
        fields.put("warmup", warmup);
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
