package org.opendps.app;

import java.nio.file.Files;
import java.nio.file.Path;
import org.opendps.cli.BaseCommand;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.store.jdbc.SqliteBackups;
import org.opendps.store.jdbc.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code opendps backup FILE}: a consistent copy of the SQLite database, safe while the server runs. */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Copy the SQLite database to FILE (owner-only: it holds every key), consistent even while "
                + "the server runs.", "For PostgreSQL use pg_dump (docs/reliability.md)."})
public final class BackupCommand extends BaseCommand {
    @Mixin
    DatabaseLocation location;

    @Parameters(paramLabel = "FILE", description = "Where to write the backup.")
    Path file;

    @Option(names = "--force", description = "Replace FILE if it exists.")
    boolean force;

    @Override
    protected ExitCode execute() {
        String url = location.sqliteUrl("backup");
        if (Files.exists(file) && !force) {
            throw new CliException(ExitCode.CONFLICT, file + " exists; pass --force to replace it.");
        }
        try {
            SqliteBackups.backup(url, file);
        } catch (StoreException e) {
            throw new CliException(ExitCode.LOCAL, e.getMessage(), e);
        }
        out().println("Backed up " + SqliteBackups.file(url) + " to " + file.toAbsolutePath().normalize());
        return ExitCode.OK;
    }
}
