package org.opendps.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.opendps.core.audit.AuditStore;
import org.opendps.core.certificate.CaCertificateStore;
import org.opendps.core.enrollment.EnrollmentGroupStore;
import org.opendps.core.enrollment.EnrollmentStore;
import org.opendps.core.hub.LinkedHubStore;
import org.opendps.core.instance.InstanceStore;
import org.opendps.core.instance.ServerCaStore;
import org.opendps.core.provisioning.OperationStore;
import org.opendps.core.provisioning.TpmChallengeStore;
import org.opendps.core.registration.RegistrationStateStore;
import org.opendps.core.store.Durability;
import org.opendps.hub.builtin.BuiltInHubStore;
import org.opendps.hub.registry.HubDeviceStore;
import org.opendps.hub.twin.TwinStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores of one database, SQLite (the embedded default) or PostgreSQL, behind a HikariCP pool, with the schema
 * migrated by Flyway on {@link #open}. Every store method is synchronous and auto-commits one statement (but for
 * creating a built-in hub, which writes the hub and its policies in one transaction); on SQLite the writes of this
 * process go through one writer that commits concurrent writes together (see {@code Database}), so that they never
 * fail with SQLITE_BUSY and share the sync of a commit, and a use case may defer the syncs of its writes to its
 * last one ({@link #durability}). Instants are kept to the
 * microsecond (see {@code Instants}).
 */
public final class JdbcStorage implements AutoCloseable {
    /** Connections per pool unless told otherwise; size the worker pool that calls the stores alike. */
    public static final int DEFAULT_POOL_SIZE = 10;

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);
    private static final int CONNECT_TIMEOUT_SECONDS = 10;
    private static final int MIGRATION_POOL_SIZE = 2;
    private static final String SQLITE_BUSY_TIMEOUT_MILLIS = "10000";

    private final HikariDataSource dataSource;
    private final Database database;
    private final EnrollmentStore enrollments;
    private final EnrollmentGroupStore enrollmentGroups;
    private final RegistrationStateStore registrationStates;
    private final InstanceStore instance;
    private final LinkedHubStore linkedHubs;
    private final OperationStore operations;
    private final BuiltInHubStore builtInHubs;
    private final HubDeviceStore hubDevices;
    private final TwinStore twins;
    private final CaCertificateStore caCertificates;
    private final TpmChallengeStore tpmChallenges;
    private final AuditStore audit;
    private final ServerCaStore serverCa;

    private JdbcStorage(HikariDataSource dataSource, Database database) {
        this.dataSource = dataSource;
        this.database = database;
        this.enrollments = new JdbcEnrollmentStore(database);
        this.enrollmentGroups = new JdbcEnrollmentGroupStore(database);
        this.registrationStates = new JdbcRegistrationStateStore(database);
        this.instance = new JdbcInstanceStore(database);
        this.linkedHubs = new JdbcLinkedHubStore(database);
        this.operations = new JdbcOperationStore(database);
        this.builtInHubs = new JdbcBuiltInHubStore(database);
        this.hubDevices = new JdbcHubDeviceStore(database);
        this.twins = new JdbcTwinStore(database);
        this.caCertificates = new JdbcCaCertificateStore(database);
        this.tpmChallenges = new JdbcTpmChallengeStore(database);
        this.audit = new JdbcAuditStore(database);
        this.serverCa = new JdbcServerCaStore(database);
    }

    public static JdbcStorage open(String jdbcUrl) {
        return open(jdbcUrl, DEFAULT_POOL_SIZE);
    }

    /**
     * Opens the database, creating an SQLite file (mode 0600) and its directory when missing, and migrates it.
     *
     * @throws StoreException when the database cannot be reached, read, written or migrated; the message is one
     *     sentence naming the URL (without its password)
     */
    public static JdbcStorage open(String jdbcUrl, int poolSize) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
        }
        Dialect dialect = Dialect.of(jdbcUrl);
        String safeUrl = JdbcUrls.redact(jdbcUrl);
        Path sqliteFile = dialect == Dialect.SQLITE ? SqliteFile.prepare(jdbcUrl) : null;
        Properties properties = driverProperties(dialect);
        // A first connection outside the pool: Hikari would log a failure with a stack trace before we could
        // say it in one line, and would not run a query that finds an SQLite file that is not a database.
        probe(jdbcUrl, properties, dialect, safeUrl);
        String version;
        // Flyway holds two connections at once on PostgreSQL (one for its lock), so it gets a pool of its own
        // rather than a share of one that may be sized 1.
        try (HikariDataSource migrations = pool(jdbcUrl, properties,
                "opendps-" + dialect.resourceName() + "-migration", MIGRATION_POOL_SIZE, safeUrl)) {
            version = Migrations.migrate(migrations, dialect, safeUrl);
        }
        HikariDataSource dataSource = pool(jdbcUrl, properties, "opendps-" + dialect.resourceName(), poolSize,
                safeUrl);
        LOG.info("Opened the {} database at {} (schema version {}, pool of {})", dialect.resourceName(), safeUrl,
                version, poolSize);
        return new JdbcStorage(dataSource, new Database(dataSource, dialect, safeUrl, sqliteFile));
    }

    public EnrollmentStore enrollments() {
        return enrollments;
    }

    public EnrollmentGroupStore enrollmentGroups() {
        return enrollmentGroups;
    }

    public RegistrationStateStore registrationStates() {
        return registrationStates;
    }

    public InstanceStore instance() {
        return instance;
    }

    public LinkedHubStore linkedHubs() {
        return linkedHubs;
    }

    public OperationStore operations() {
        return operations;
    }

    public BuiltInHubStore builtInHubs() {
        return builtInHubs;
    }

    public HubDeviceStore hubDevices() {
        return hubDevices;
    }

    public TwinStore twins() {
        return twins;
    }

    public CaCertificateStore caCertificates() {
        return caCertificates;
    }

    public TpmChallengeStore tpmChallenges() {
        return tpmChallenges;
    }

    public AuditStore audit() {
        return audit;
    }

    public ServerCaStore serverCa() {
        return serverCa;
    }

    /**
     * What SQLite's writer did since the storage opened: the writes, and its commits with and without a disk sync
     * (see {@link #durability}); all zero on PostgreSQL, which commits each write on its own.
     */
    public record WriterCounts(long writes, long syncedCommits, long unsyncedCommits) {}

    public WriterCounts writerCounts() {
        long unsynced = database.unsyncedCommits();
        return new WriterCounts(database.groupWrites(), database.groupCommits() - unsynced, unsynced);
    }

    /** When this storage's writes become durable, for use cases that make several before they answer. */
    public Durability durability() {
        return database;
    }

    /** True when the database answers now: the readiness probe. Blocks, at most the pool's connection timeout. */
    public boolean answers() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Publishes HikariCP's own pool metrics (connections active, idle, pending; acquire and usage times) to a
     * Micrometer {@code MeterRegistry}. HikariCP takes it as an Object, so this module needs no Micrometer.
     */
    public void publishPoolMetrics(Object meterRegistry) {
        dataSource.setMetricRegistry(meterRegistry);
    }

    public Dialect dialect() {
        return database.dialect();
    }

    @Override
    public void close() {
        database.close();
        dataSource.close();
    }

    /** For tests in this package: statements on the pool. */
    Database database() {
        return database;
    }

    /**
     * For tests in this package: stores over the same pool whose statements go through {@code wrap} (one that records
     * them, say). Closing either storage closes the pool.
     */
    JdbcStorage through(UnaryOperator<DataSource> wrap) {
        return new JdbcStorage(dataSource, database.through(wrap.apply(dataSource)));
    }

    private static Properties driverProperties(Dialect dialect) {
        Properties properties = new Properties();
        if (dialect == Dialect.SQLITE) {
            properties.setProperty("journal_mode", "WAL");
            properties.setProperty("synchronous", "FULL"); // WAL synced at every commit: done means durable
            properties.setProperty("foreign_keys", "true");
            properties.setProperty("busy_timeout", SQLITE_BUSY_TIMEOUT_MILLIS);
            // A transaction takes the write lock at BEGIN, waiting busy_timeout for another process, rather than
            // upgrading a read lock later, which fails at once when another process wrote in between.
            properties.setProperty("transaction_mode", "IMMEDIATE");
            // Else the driver asks for last_insert_rowid() after every insert; no table here has a rowid key.
            properties.setProperty("jdbc.get_generated_keys", "false");
        } else {
            properties.setProperty("ApplicationName", "opendps");
            properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
            // Server "Detail:" lines quote row values (keys among them) into exception messages.
            properties.setProperty("logServerErrorDetail", "false");
        }
        return properties;
    }

    private static void probe(String jdbcUrl, Properties properties, Dialect dialect, String safeUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, properties);
                Statement statement = connection.createStatement()) {
            statement.executeQuery(dialect == Dialect.SQLITE
                    ? "SELECT COUNT(*) FROM sqlite_master" : "SELECT 1").close();
        } catch (SQLException e) {
            throw new StoreException("Cannot open the database at " + safeUrl + ": " + JdbcUrls.firstSentence(e)
                    + ".", e);
        }
    }

    private static HikariDataSource pool(String jdbcUrl, Properties properties, String name, int poolSize,
            String safeUrl) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(poolSize);
        config.setAutoCommit(true);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("Cannot open the database at " + safeUrl + ": " + JdbcUrls.firstSentence(e)
                    + ".", e);
        }
    }
}
