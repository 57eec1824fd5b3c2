package org.opendps.store.jdbc;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Prepares the file behind a {@code jdbc:sqlite:} URL before the driver opens it. The database holds keys, so it
 * is created readable by its owner only; SQLite gives its -wal and -shm files the same mode. A file the process
 * cannot read and write is refused here, with a message that says so, rather than by the driver later.
 */
final class SqliteFile {
    private SqliteFile() {}

    static Path prepare(String jdbcUrl) {
        Path file = path(jdbcUrl);
        Path parent = file.toAbsolutePath().getParent();
        try {
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw failure(jdbcUrl, "its directory " + parent + " cannot be created (" + reason(e) + ")");
        }
        if (!Files.exists(file)) {
            create(jdbcUrl, file);
        }
        if (!Files.isRegularFile(file)) {
            throw failure(jdbcUrl, file + " is not a regular file");
        }
        if (!Files.isReadable(file) || !Files.isWritable(file)) {
            throw failure(jdbcUrl, file + " is not readable and writable by this process");
        }
        return file;
    }

    private static void create(String jdbcUrl, Path file) {
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException e) {
            // another process created it first: use theirs
        } catch (IOException e) {
            throw failure(jdbcUrl, file + " cannot be created (" + reason(e) + ")");
        }
    }

    /** The file of a URL: the text after the prefix, up to any {@code ?options}, with no {@code file:} scheme. */
    static Path path(String jdbcUrl) {
        String rest = jdbcUrl.substring(Dialect.SQLITE.urlPrefix().length());
        int options = rest.indexOf('?');
        String name = options < 0 ? rest : rest.substring(0, options);
        if (name.startsWith("file:")) {
            name = name.substring("file:".length());
        }
        if (name.isBlank() || name.equals(":memory:")) {
            throw failure(jdbcUrl, "an in-memory database is not supported, name a file");
        }
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw failure(jdbcUrl, "'" + name + "' is not a valid file name");
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException || e instanceof FileSystemException && e.getMessage() != null
                && e.getMessage().contains("Not a directory")) {
            return "a file is in the way";
        }
        return e.getClass().getSimpleName();
    }

    private static StoreException failure(String jdbcUrl, String reason) {
        return new StoreException("Cannot open the database at " + JdbcUrls.redact(jdbcUrl) + ": " + reason + ".");
    }
}
