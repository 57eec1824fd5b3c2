package org.opendps.store.jdbc;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Backup and restore of an SQLite database with SQLite's online backup API (sqlite-jdbc's {@code backup to} and
 * {@code restore from}): a backup is a consistent snapshot even while a server writes, because the API restarts
 * its copy when the source changes under it. PostgreSQL has pg_dump for this; see docs/reliability.md.
 */
public final class SqliteBackups {
    private SqliteBackups() {}

    /** True when the URL names an SQLite database, the only kind these methods handle. */
    public static boolean handles(String jdbcUrl) {
        return Dialect.of(jdbcUrl) == Dialect.SQLITE;
    }

    /**
     * Copies the database into {@code target}, created owner-only (it holds every key) and put in place only once
     * complete, so that a failed backup leaves no file that looks like one.
     *
     * @throws StoreException when the database is missing or cannot be read, or the file cannot be written
     */
    public static void backup(String jdbcUrl, Path target) {
        Path source = existingDatabase(jdbcUrl);
        Path temp = ownerOnlyTemp(target);
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement()) {
            requireOpenDps(statement, source.toString());
            statement.executeUpdate("backup to " + quoted(temp));
            move(temp, target);
        } catch (SQLException | IOException e) {
            throw new StoreException("Cannot back up " + source + " to " + target + ": " + e.getMessage() + ".", e);
        } finally {
            deleteQuietly(temp); // gone already when the backup succeeded
        }
    }

    /**
     * Replaces the database's content with the backup's, through SQLite (so that a write-ahead log left by the
     * previous database is dealt with rather than replayed over the restored one). The caller makes sure no server
     * uses the database.
     *
     * @throws StoreException when the backup is not an OpenDPS database or the database cannot be written
     */
    public static void restore(Path backup, String jdbcUrl) {
        if (!Files.isRegularFile(backup)) {
            throw new StoreException("Cannot restore from " + backup + ": no such file.");
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + backup + "?open_mode=1");
                Statement statement = connection.createStatement()) {
            requireOpenDps(statement, backup.toString());
        } catch (SQLException e) {
            throw new StoreException("Cannot restore from " + backup + ": it is not an SQLite database ("
                    + e.getMessage() + ").", e);
        }
        SqliteFile.prepare(jdbcUrl); // creates it owner-only when missing
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("restore from " + quoted(backup));
        } catch (SQLException e) {
            throw new StoreException("Cannot restore " + JdbcUrls.redact(jdbcUrl) + " from " + backup + ": "
                    + e.getMessage() + ".", e);
        }
    }

    /** The database file of the URL. */
    public static Path file(String jdbcUrl) {
        return SqliteFile.path(jdbcUrl);
    }

    private static Path existingDatabase(String jdbcUrl) {
        Path file = SqliteFile.path(jdbcUrl);
        if (!Files.isRegularFile(file)) {
            throw new StoreException("Cannot back up " + file + ": there is no database there.");
        }
        return file;
    }

    /** Refuses a database that OpenDPS never migrated, so that a wrong path fails before anything is written. */
    private static void requireOpenDps(Statement statement, String name) throws SQLException {
        try (ResultSet tables = statement.executeQuery(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'")) {
            if (!tables.next() || tables.getInt(1) != 1) {
                throw new SQLException(name + " is not an OpenDPS database (it has no schema history)");
            }
        }
    }

    private static Path ownerOnlyTemp(Path target) {
        Path directory = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                return Files.createTempFile(directory, "." + target.getFileName(), ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
        } catch (IOException e) {
            throw new StoreException("Cannot write to " + directory + ": " + e.getMessage() + ".", e);
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** sqlite-jdbc takes the file name in double quotes and knows no escape, so a name with one is refused. */
    private static String quoted(Path file) {
        String name = file.toAbsolutePath().toString();
        if (name.indexOf('"') >= 0) {
            throw new StoreException("Cannot use " + name + ": SQLite's backup takes no file name with a '\"'.");
        }
        return "\"" + name + "\"";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // best effort: the backup failed already, which is what the caller hears
        }
    }
}
