package org.opendps.store.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The local PostgreSQL the tests use: 127.0.0.1:5432, user postgres without password, database {@code test}. Each
 * test class gets a schema of its own. Without that server the tests are skipped, unless
 * {@code -Ddps.test.postgresql=required} or {@code DPS_TEST_POSTGRESQL=required} (CI) makes them fail. A server
 * that is reachable but refuses the setup is a failure, never a skip.
 */
final class PostgresTestDatabase {
    static final String SERVER = "127.0.0.1:5432";
    private static final String BASE_URL = "jdbc:postgresql://" + SERVER + "/test?user=postgres";
    private static final String REQUIRED = "required";

    private PostgresTestDatabase() {}

    /** A URL whose connections work in {@code schema}. */
    static String url(String schema) {
        return BASE_URL + "&currentSchema=" + schema;
    }

    /** Creates a schema with a random name, or skips (fails, when required) the test class without PostgreSQL. */
    static String createSchema() {
        String schema = "dps_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        execute("CREATE SCHEMA " + schema);
        return schema;
    }

    static void dropSchema(String schema) {
        execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }

    static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(BASE_URL + "&connectTimeout=3");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            unavailable(e);
        }
    }

    private static boolean required() {
        return REQUIRED.equals(System.getProperty("dps.test.postgresql"))
                || REQUIRED.equals(System.getenv("DPS_TEST_POSTGRESQL"));
    }

    private static void unavailable(SQLException e) {
        boolean unreachable = e.getSQLState() != null && e.getSQLState().startsWith("08");
        String problem = unreachable ? "PostgreSQL not reachable at " + SERVER
                : "PostgreSQL at " + SERVER + " refused the test setup (" + JdbcUrls.firstSentence(e) + ")";
        if (!unreachable || required()) {
            fail(problem + (unreachable ? ", and PostgreSQL is required here" : ""), e);
        }
        Assumptions.abort(problem + ": skipping");
    }
}
