package org.opendps.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every leaf command shares: it runs {@link #execute()}, prints only through picocli's writers (so that a
 * caller can capture them), and fails with a {@link CliException} that {@link OpenDpsCommand} turns into one line on
 * stderr and the exit code it names.
 */
public abstract class BaseCommand implements Callable<Integer> {
    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        ExitCode exitCode = execute();
        out().flush();
        return exitCode.code();
    }

    /** Does the work; expected failures throw {@link CliException}, bad option combinations {@link #usage}. */
    protected abstract ExitCode execute();

    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    protected final PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** A usage error (exit code 2): picocli prints the message and this command's usage. */
    protected final CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
