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

/** {@code opendps restore FILE}: puts a backup in place as the data directory's database, with no server running. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore the SQLite database from a backup made by `opendps backup`. No server may be "
                + "running on the data directory.", "For PostgreSQL use pg_restore (docs/reliability.md)."})
public final class RestoreCommand extends BaseCommand {
    @Mixin
    DatabaseLocation location;

    @Parameters(paramLabel = "FILE", description = "The backup to restore.")
    Path file;

    @Option(names = "--force", description = "Replace the database if one exists.")
    boolean force;

    @Override
    protected ExitCode execute() {
        String url = location.sqliteUrl("restore");
        Path database = SqliteBackups.file(url);
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCode.LOCAL, "There is no backup at " + file + ".");
        }
        if (Files.exists(database) && !force) {
            throw new CliException(ExitCode.CONFLICT, database + " exists; pass --force to replace it.");
        }
        DataFiles.prepareDirectory(location.dataDir());
        try (DataDirectoryLock lock = DataDirectoryLock.exclusive(location.dataDir())) {
            SqliteBackups.restore(file, url);
        } catch (IllegalStateException e) {
            throw new CliException(ExitCode.CONFLICT, e.getMessage(), e);
        } catch (StoreException e) {
            throw new CliException(ExitCode.LOCAL, e.getMessage(), e);
        }
        out().println("Restored " + database + " from " + file.toAbsolutePath().normalize());
        return ExitCode.OK;
    }
}
