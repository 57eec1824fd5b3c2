package org.opendps.app;

import java.nio.file.Path;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.store.jdbc.SqliteBackups;
import picocli.CommandLine.Option;

/** Where backup and restore find the database: as {@code serve} does, from the same options and environment. */
final class DatabaseLocation {
    @Option(names = "--data-dir", defaultValue = "${env:OPENDPS_DATA_DIR:-./data}",
            description = "The server's data directory (OPENDPS_DATA_DIR; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--database-url", defaultValue = "${env:OPENDPS_DATABASE_URL:-}",
            description = "The server's database, if not SQLite in the data directory (OPENDPS_DATABASE_URL).")
    String databaseUrl;

    Path dataDir() {
        return dataDir.toAbsolutePath().normalize();
    }

    /** The SQLite URL; a PostgreSQL one is refused with what to use instead. */
    String sqliteUrl(String command) {
        ServeConfig config = ServeConfig.defaults(dataDir());
        String url = (databaseUrl == null || databaseUrl.isBlank() ? config : config.withDatabaseUrl(databaseUrl))
                .effectiveDatabaseUrl();
        if (!SqliteBackups.handles(url)) {
            throw new CliException(ExitCode.USAGE, "opendps " + command + " handles SQLite only; for PostgreSQL "
                    + "use pg_dump and pg_restore (see docs/reliability.md, \"Backup and restore\").");
        }
        return url;
    }
}
