package org.opendps.store.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;

/** The stores on a fresh SQLite file in a temporary directory, one per test class. */
abstract class SqliteStoreTestBase extends JdbcStoreTestBase {
    private Path directory;

    @Override
    protected JdbcStorage openStorage() throws Exception {
        directory = Files.createTempDirectory("opendps-sqlite-test");
        return JdbcStorage.open("jdbc:sqlite:" + directory.resolve("opendps.db"));
    }

    @Override
    protected void disposeStorage() throws Exception {
        TestFiles.deleteRecursively(directory);
    }
}
