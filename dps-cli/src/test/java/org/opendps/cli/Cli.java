package org.opendps.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Runs {@code opendps} in-process with its output captured. */
public final class Cli {
    private Cli() {}

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    public static Result run(String... args) {
        CommandLine commandLine = OpenDpsCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /** The leaf command object after parsing, with its options set, for tests of what the options build. */
    public static <T> T parse(Class<T> type, String... args) {
        ParseResult result = OpenDpsCommand.commandLine().parseArgs(args);
        while (result.hasSubcommand()) {
            result = result.subcommand();
        }
        return type.cast(result.commandSpec().userObject());
    }
}
