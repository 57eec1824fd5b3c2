package org.opendps.app;

import org.opendps.bench.BenchCommand;
import org.opendps.cli.OpenDpsCommand;
import picocli.CommandLine;

/** The {@code opendps} launcher: the CLI's commands plus {@code serve} and {@code bench}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return OpenDpsCommand.commandLine().addSubcommand("serve", new ServeCommand())
                .addSubcommand("bench", new BenchCommand())
                .addSubcommand("backup", new BackupCommand())
                .addSubcommand("restore", new RestoreCommand());
    }
}
