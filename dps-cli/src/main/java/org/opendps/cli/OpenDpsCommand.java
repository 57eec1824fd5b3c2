package org.opendps.cli;

import java.io.PrintWriter;
import org.opendps.cli.audit.AuditCommand;
import org.opendps.cli.cert.CertCommand;
import org.opendps.cli.device.DeviceCommand;
import org.opendps.cli.certificate.CertificateCommand;
import org.opendps.cli.enrollment.group.EnrollmentGroupCommand;
import org.opendps.cli.enrollment.individual.EnrollmentCommand;
import org.opendps.cli.hub.HubCommand;
import org.opendps.cli.key.KeyCommand;
import org.opendps.cli.policy.PolicyCommand;
import org.opendps.cli.registration.DeprovisionCommand;
import org.opendps.cli.registration.RegistrationCommand;
import org.opendps.cli.service.ServiceCommand;
import org.opendps.cli.tpm.TpmCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine.ParseResult;

/**
 * {@code opendps}: the root of the command line. Every subcommand here is a client of a running server's service
 * API; the app module adds {@code serve} to {@link #commandLine()}.
 */
@Command(name = "opendps", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Manage an OpenDPS (Azure DPS compatible) provisioning service.",
        subcommands = {
            EnrollmentCommand.class,
            EnrollmentGroupCommand.class,
            RegistrationCommand.class,
            DeprovisionCommand.class,
            PolicyCommand.class,
            AuditCommand.class,
            CertificateCommand.class,
            HubCommand.class,
            ServiceCommand.class,
            KeyCommand.class,
            TpmCommand.class,
            CertCommand.class,
            DeviceCommand.class
        },
        footer = {"", "Online commands find the server in data/connection-info.json, written by `opendps serve`; "
                + "see --connection-info and --connection-string."})
public final class OpenDpsCommand {

    /**
     * The command line with every client subcommand, the exit codes in each command's help and the handler that
     * turns failures into {@code error: ...} and an {@link ExitCode}. Handlers and writers set on the result later
     * (setOut, setErr) reach every subcommand added so far.
     */
    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new OpenDpsCommand());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExpandAtFiles(false); // "@file" is ours: --initial-twin @twin.json
        commandLine.setExecutionExceptionHandler(OpenDpsCommand::handle);
        commandLine.setParameterExceptionHandler(OpenDpsCommand::handleUsage);
        documentExitCodes(commandLine);
        return commandLine;
    }

    /** One line on stderr; the stack trace only for what is a bug. */
    static int handle(Exception failure, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        if (failure instanceof CliException cli) {
            err.println("error: " + cli.getMessage());
            if (cli.exitCode() == ExitCode.USAGE) {
                err.println(tryHelp(command));
            }
            err.flush();
            return cli.exitCode().code();
        }
        err.println("error: unexpected " + failure.getClass().getSimpleName()
                + (failure.getMessage() == null ? "" : ": " + failure.getMessage()));
        failure.printStackTrace(err);
        err.flush();
        return ExitCode.INTERNAL.code();
    }

    /** A usage error: the message and where help is, not the whole usage text (which can be long). */
    static int handleUsage(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("error: " + failure.getMessage());
        UnmatchedArgumentException.printSuggestions(failure, err);
        err.println(tryHelp(command));
        err.flush();
        return ExitCode.USAGE.code();
    }

    private static String tryHelp(CommandLine command) {
        return "Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.";
    }

    private static void documentExitCodes(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage()
                .sortOptions(false) // the command's own options first, then shared ones, as declared
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCode.helpList());
        commandLine.getSubcommands().values().forEach(OpenDpsCommand::documentExitCodes);
    }
}
