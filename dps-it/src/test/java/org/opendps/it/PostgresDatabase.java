package org.opendps.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh PostgreSQL database of its own at 127.0.0.1:5432 (user postgres), for tests whose servers must start on an
 * empty database (the shared {@code test} database holds other tests' schemas), dropped on {@link #close()}. Without
 * PostgreSQL the test is skipped, unless {@code DPS_TEST_POSTGRESQL=required} (or {@code -Ddps.test.postgresql}), as
 * in CI, makes it fail, as the store contracts do.
 */
final class PostgresDatabase implements AutoCloseable {
    private static final String SERVER = "127.0.0.1:5432";
    private static final String ADMIN_URL = "jdbc:postgresql://" + SERVER + "/test?user=postgres&connectTimeout=3";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** Creates {@code prefix_<random>}, or skips (fails, when required) the test without PostgreSQL. */
    static PostgresDatabase create(String prefix) {
        byte[] random = new byte[6];
        RANDOM.nextBytes(random);
        PostgresDatabase database = new PostgresDatabase(prefix + "_" + HexFormat.of().formatHex(random));
        execute("CREATE DATABASE " + database.name);
        return database;
    }

    /** What {@code --database-url} takes. */
    String url() {
        return "jdbc:postgresql://" + SERVER + "/" + name + "?user=postgres";
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL);
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            boolean unreachable = e.getSQLState() != null && e.getSQLState().startsWith("08");
            boolean required = "required".equals(System.getProperty("dps.test.postgresql"))
                    || "required".equals(System.getenv("DPS_TEST_POSTGRESQL"));
            if (!unreachable || required) {
                fail("PostgreSQL at " + SERVER + (unreachable ? " is required here but not reachable"
                        : " refused: " + sql), e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + SERVER + ": skipping");
        }
    }
}
