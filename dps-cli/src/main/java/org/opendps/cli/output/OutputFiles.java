package org.opendps.cli.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;

/**
 * The files an offline command writes into one directory. Nothing is replaced without {@code --force}, and every
 * name is checked before the first file is written, so that a refusal leaves the directory as it was. Private files
 * (keys) are created owner-only from the start, never made readable and then restricted.
 */
public final class OutputFiles {
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path directory;
    private final boolean force;

    public OutputFiles(Path directory, boolean force) {
        this.directory = directory;
        this.force = force;
    }

    public Path resolve(String fileName) {
        return directory.resolve(fileName);
    }

    /** Creates the directory, and refuses (exit code 4) when any of the files exists and there is no --force. */
    public void claim(Collection<String> fileNames) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw CliException.local("cannot create the directory " + directory + ": " + e.getMessage());
        }
        if (force) {
            return;
        }
        List<String> taken = new ArrayList<>();
        for (String name : fileNames) {
            if (Files.exists(directory.resolve(name))) {
                taken.add(name);
            }
        }
        if (!taken.isEmpty()) {
            throw new CliException(ExitCode.CONFLICT, directory.resolve(taken.get(0)) + " exists"
                    + (taken.size() > 1 ? " (and " + (taken.size() - 1) + " more of the files to write)" : "")
                    + "; --force replaces it");
        }
    }

    public Path writePublic(String fileName, String text) {
        return write(fileName, text, false);
    }

    /** Owner-read/write only (0600) on POSIX file systems. */
    public Path writePrivate(String fileName, String text) {
        return write(fileName, text, true);
    }

    private Path write(String fileName, String text, boolean ownerOnly) {
        Path file = directory.resolve(fileName);
        try {
            if (force) {
                Files.deleteIfExists(file); // a fresh file gets fresh permissions
            }
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (ownerOnly && posix) {
                Files.createFile(file, OWNER_ONLY);
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new CliException(ExitCode.CONFLICT, file + " exists; --force replaces it");
        } catch (IOException e) {
            throw CliException.local("cannot write " + file + ": " + e.getMessage());
        }
    }
}
