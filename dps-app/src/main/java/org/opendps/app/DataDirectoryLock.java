package org.opendps.app;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A lock on {@code serve.lock} in the data directory: every server holds it shared while it runs, and
 * {@code opendps restore} needs it exclusive, so that a database is never replaced under a running server. It is
 * an operating system lock, so a killed server leaves none behind.
 */
final class DataDirectoryLock implements AutoCloseable {
    static final String FILE = "serve.lock";
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** What a server holds. A second server of this JVM on the same directory shares the first one's lock. */
    static DataDirectoryLock shared(Path dataDir) {
        FileChannel channel = open(dataDir);
        try {
            return new DataDirectoryLock(channel, channel.lock(0, Long.MAX_VALUE, true));
        } catch (OverlappingFileLockException e) {
            return new DataDirectoryLock(channel, null);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new IllegalStateException("Cannot lock " + dataDir.resolve(FILE) + ": " + e.getMessage() + ".");
        }
    }

    /** What a restore holds; fails at once when a server runs on the directory. */
    static DataDirectoryLock exclusive(Path dataDir) {
        FileChannel channel = open(dataDir);
        FileLock lock = null;
        try {
            lock = channel.tryLock(0, Long.MAX_VALUE, false);
        } catch (OverlappingFileLockException | IOException e) {
            lock = null;
        }
        if (lock == null) {
            closeQuietly(channel);
            throw new IllegalStateException("An OpenDPS server is running on " + dataDir
                    + "; stop it before restoring.");
        }
        return new DataDirectoryLock(channel, lock);
    }

    private static FileChannel open(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (POSIX && !Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // another process made it first
                }
            }
            // Read and write: a shared lock needs a readable channel, an exclusive one a writable channel.
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot open " + file + ": " + e.getMessage() + ".");
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException e) {
            // the channel's close below releases it anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held that closing could keep
        }
    }
}
