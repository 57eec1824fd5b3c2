package org.opendps.store.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings a database's schema up to date with Flyway. Migrations shared by both dialects live in
 * {@code db/migration/common}; {@code db/migration/sqlite} and {@code db/migration/postgresql} hold what differs by
 * dialect (V7's auto-numbered key), so that a dialect-only change needs no copy of the shared scripts.
 */
final class Migrations {
    private static final String COMMON = "db/migration/common";

    private Migrations() {}

    /** The schema version after migration. */
    static String migrate(DataSource dataSource, Dialect dialect, String safeUrl) {
        List<String> locations = new ArrayList<>(List.of("classpath:" + COMMON));
        String dialectLocation = "db/migration/" + dialect.resourceName();
        if (Migrations.class.getClassLoader().getResource(dialectLocation) != null) {
            locations.add("classpath:" + dialectLocation);
        }
        try {
            MigrateResult result = Flyway.configure(Migrations.class.getClassLoader())
                    .loggers("slf4j") // the project's facade, not whichever logging library Flyway finds first
                    .dataSource(dataSource)
                    .locations(locations.toArray(String[]::new))
                    .placeholders(Map.of("key_collation", dialect == Dialect.POSTGRESQL ? "COLLATE \"C\"" : ""))
                    .load()
                    .migrate();
            return result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        } catch (FlywayException e) {
            throw new StoreException("Cannot migrate the database at " + safeUrl + ": " + JdbcUrls.firstSentence(e)
                    + ".", e);
        }
    }
}
