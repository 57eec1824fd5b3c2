package org.opendps.app;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.opendps.attestation.tpm.AuthenticationKeyBlob;
import org.opendps.hub.builtin.BuiltInHub;
import org.opendps.core.allocation.HubSelector;
import org.opendps.core.allocation.LowestLatencySelector;
import org.opendps.core.allocation.StaticSelector;
import org.opendps.core.allocation.WeightedHashSelector;
import org.opendps.core.enrollment.AllocationPolicy;
import org.opendps.core.audit.AuditLog;
import org.opendps.core.certificate.CaCertificateService;
import org.opendps.core.enrollment.EnrollmentService;
import org.opendps.core.hub.HubGateway;
import org.opendps.core.hub.LinkedHubService;
import org.opendps.core.instance.ServiceInstance;
import org.opendps.core.provisioning.OperationSweeper;
import org.opendps.core.provisioning.ProvisioningService;
import org.opendps.core.provisioning.RegistrationThrottle;
import org.opendps.core.registration.Deprovisioning;
import org.opendps.core.registration.RegistrationStateService;
import org.opendps.core.security.AccessPolicyService;
import org.opendps.core.security.ServiceAuthenticator;
import org.opendps.core.security.SharedAccessPolicy;
import org.opendps.hub.connect.DeviceConnectAuthenticator;
import org.opendps.hub.telemetry.TelemetryLog;
import org.opendps.server.OpenDpsServer;
import org.opendps.server.ServerConfig;
import org.opendps.server.http.hub.HubApi;
import org.opendps.server.http.service.ServiceApi;
import org.opendps.server.mqtt.HubDeviceServices;
import org.opendps.server.outbound.ConnectLatencyEstimator;
import org.opendps.server.outbound.HttpAllocationWebhook;
import org.opendps.server.outbound.RestHubGateway;
import org.opendps.server.metrics.MeteredHubGateway;
import org.opendps.server.metrics.OpenDpsMetrics;
import org.opendps.store.jdbc.JdbcStorage;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ConnectionInfoJson;
import org.opendps.wire.ServiceConnectionString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running OpenDPS: storage, use cases and listeners wired together. The composition root. */
public final class OpenDps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OpenDps.class);
    public static final String CONNECTION_INFO_FILE = "connection-info.json";
    private static final Duration SAS_CLOCK_SKEW = Duration.ofSeconds(30);
    private static final int WORKER_THREADS = 16;

    private final JdbcStorage storage;
    private final ProvisioningService provisioning;
    private final OpenDpsServer server;
    private final ConnectionInfo connectionInfo;
    private final Path connectionInfoFile;
    private final HubDeviceServices hubDevices;
    private final OpenDpsMetrics metrics;
    private final DataDirectoryLock dataDirectoryLock;
    private final OperationSweeper operationSweeper;

    private OpenDps(JdbcStorage storage, ProvisioningService provisioning, OpenDpsServer server,
            ConnectionInfo connectionInfo, Path file, HubDeviceServices hubDevices, OpenDpsMetrics metrics,
            DataDirectoryLock dataDirectoryLock, OperationSweeper operationSweeper) {
        this.metrics = metrics;
        this.dataDirectoryLock = dataDirectoryLock;
        this.hubDevices = hubDevices;
        this.storage = storage;
        this.provisioning = provisioning;
        this.server = server;
        this.connectionInfo = connectionInfo;
        this.connectionInfoFile = file;
        this.operationSweeper = operationSweeper;
    }

    /**
     * Prepares the data directory, opens the database, starts the listeners and writes connection-info.json.
     *
     * @throws IllegalStateException or {@link OpenDpsServer.ListenException} with a one-line message
     */
    public static OpenDps start(ServeConfig config) {
        return start(config, Overrides.NONE);
    }

    /**
     * Parts a test (or an embedding application) supplies instead of the defaults.
     *
     * @param hubGateway null for the IoT Hub REST API gateway
     * @param provisioning null for {@link ProvisioningService.Settings#DEFAULTS}
     */
    public record Overrides(HubGateway hubGateway, ProvisioningService.Settings provisioning) {
        public static final Overrides NONE = new Overrides(null, null);
    }

    /** As {@link #start(ServeConfig)}, with some parts replaced. */
    public static OpenDps start(ServeConfig config, Overrides overrides) {
        Clock clock = MicrosecondClock.UTC;
        DataFiles.prepareDirectory(config.dataDir());
        DataDirectoryLock lock = DataDirectoryLock.shared(config.dataDir()); // keeps `opendps restore` away
        JdbcStorage storage;
        try {
            storage = JdbcStorage.open(config.effectiveDatabaseUrl(), config.databasePoolSize());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        OpenDpsMetrics metrics = new OpenDpsMetrics();
        try {
            storage.publishPoolMetrics(metrics.registry());
            publishWriterCounts(storage, metrics.registry());
            ServiceInstance instance = InstanceBootstrap.ensure(storage.instance(), clock);
            ServerConfig.TlsMaterial tls = tlsIdentity(config, storage, clock);
            List<BuiltInHub> hubs = BuiltInHubBootstrap.ensure(config.hubHostNames(), storage.builtInHubs(),
                    storage.linkedHubs(), clock);
            BuiltInHubs builtIn = BuiltInHubs.create(storage, clock);
            HubGateway gateway = new MeteredHubGateway(hubGateway(overrides, builtIn, hubs), metrics);
            ServiceApi api = new ServiceApi(
                    new EnrollmentService(storage.enrollments(), storage.enrollmentGroups(), clock),
                    new RegistrationStateService(storage.registrationStates(), clock),
                    new AccessPolicyService(storage.instance()),
                    new LinkedHubService(storage.linkedHubs(), storage.instance()),
                    new ServiceAuthenticator<>(storage.instance()::policy, config.allHostNames(), clock,
                            SAS_CLOCK_SKEW),
                    new Deprovisioning(storage.registrationStates(), storage.linkedHubs(), gateway),
                    new CaCertificateService(storage.caCertificates(), clock),
                    new AuditLog(storage.audit(), clock));
            ServerConfig serverConfig = new ServerConfig(config.bindAddress(), config.httpsPort(), config.mqttPort(),
                    tls, Runtime.getRuntime().availableProcessors(), WORKER_THREADS,
                    ServerConfig.DEFAULT_MAX_BODY_BYTES, config.listenerLimits());
            ProvisioningService provisioning = provisioning(config, storage, instance, overrides, gateway, clock,
                    metrics);
            HubDeviceServices hubDevices = HubDeviceServices.create(new DeviceConnectAuthenticator(
                    storage.builtInHubs(), builtIn.registry(), storage.caCertificates(), clock, SAS_CLOCK_SKEW),
                    builtIn.twins(), new TelemetryLog(clock));
            OpenDpsServer server;
            try {
                server = OpenDpsServer.start(serverConfig, api,
                        new HubApi(builtIn.registry(), builtIn.twins(), storage.builtInHubs(), clock,
                                hubDevices.methods(), hubDevices.telemetry(), hubDevices.cloudToDevice()), hubDevices,
                        provisioning, clock, new OpenDpsServer.Monitoring(metrics, config.metrics(), storage::answers));
            } catch (RuntimeException e) {
                provisioning.close();
                throw e;
            }
            ConnectionInfo info = connectionInfo(config, instance, InstanceBootstrap.adminPolicy(storage.instance()),
                    server, hubs);
            Path file = config.dataDir().resolve(CONNECTION_INFO_FILE);
            ConnectionInfoJson.write(file, info);
            OperationSweeper sweeper = new OperationSweeper(storage.operations(), config.operationRetention(),
                    OperationSweeper.Schedule.DEFAULT, clock, metrics).start();
            return new OpenDps(storage, provisioning, server, info, file, hubDevices, metrics, lock, sweeper);
        } catch (RuntimeException e) {
            storage.close();
            metrics.close();
            lock.close();
            throw e;
        }
    }

    private static ServerConfig.TlsMaterial tlsIdentity(ServeConfig config, JdbcStorage storage, Clock clock) {
        try {
            return ServerIdentity.ensure(storage.serverCa(), config.dataDir(), config.certificateNames(), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the CA certificate in " + config.dataDir(), e);
        }
    }

    private static ProvisioningService provisioning(ServeConfig config, JdbcStorage storage, ServiceInstance instance,
            Overrides overrides, HubGateway gateway, Clock clock, OpenDpsMetrics metrics) {
        HubSelector hashed = new WeightedHashSelector();
        Map<AllocationPolicy, HubSelector> selectors = Map.of(
                AllocationPolicy.HASHED, hashed,
                AllocationPolicy.STATIC, new StaticSelector(),
                AllocationPolicy.GEO_LATENCY, new LowestLatencySelector(new ConnectLatencyEstimator(), config.location(),
                        hashed));
        return new ProvisioningService(instance.idScope(), new ProvisioningService.Stores(storage.instance(),
                storage.enrollments(), storage.enrollmentGroups(), storage.registrationStates(), storage.operations(),
                storage.linkedHubs(), storage.caCertificates(), storage.tpmChallenges(), storage.durability()),
                gateway, selectors, new HttpAllocationWebhook(), throttle(config.limits(), clock), new AuthenticationKeyBlob(new SecureRandom()),
                (overrides.provisioning() != null ? overrides.provisioning() : ProvisioningService.Settings.DEFAULTS)
                        .withMaxPendingAssignments(config.limits().maxPendingAssignments()),
                clock, metrics);
    }

    /**
     * SQLite's writer: how many writes shared a commit, and how many commits a disk sync (one per registration, the
     * operation marked done, plus the service API's writes). Zero on PostgreSQL.
     */
    private static void publishWriterCounts(JdbcStorage storage, MeterRegistry registry) {
        FunctionCounter.builder("opendps.database.writes", storage, s -> s.writerCounts().writes())
                .description("Writes committed by the SQLite writer").register(registry);
        FunctionCounter.builder("opendps.database.commits", storage, s -> s.writerCounts().syncedCommits())
                .description("Commits of the SQLite writer, by whether the commit waited for a disk sync")
                .tag("sync", "yes").register(registry);
        FunctionCounter.builder("opendps.database.commits", storage, s -> s.writerCounts().unsyncedCommits())
                .description("Commits of the SQLite writer, by whether the commit waited for a disk sync")
                .tag("sync", "no").register(registry);
    }

    /** One gateway for registration and deprovisioning, so that both reach a hub the same way. */
    private static HubGateway hubGateway(Overrides overrides, BuiltInHubs builtIn, List<BuiltInHub> hubs) {
        return overrides.hubGateway() != null ? overrides.hubGateway()
                : new HubGatewayRouter(hubs.stream().map(BuiltInHub::hostName).collect(Collectors.toSet()),
                        builtIn.gateway(), new RestHubGateway());
    }

    private static RegistrationThrottle throttle(ServeConfig.RegistrationLimits limits, Clock clock) {
        return new RegistrationThrottle(new RegistrationThrottle.Limit(2 * limits.perSecond(), limits.perSecond()),
                new RegistrationThrottle.Limit(limits.perDevicePerMinute(), limits.perDevicePerMinute() / 60.0),
                clock);
    }

    private static ConnectionInfo connectionInfo(ServeConfig config, ServiceInstance instance,
            SharedAccessPolicy admin, OpenDpsServer server, List<BuiltInHub> hubs) {
        String host = config.advertisedHost();
        // HostName carries no port: the Java service client rejects one (it always dials 443).
        String connectionString = new ServiceConnectionString(host, admin.keyName(), admin.primaryKey()).format();
        return new ConnectionInfo(instance.idScope(), host + ":" + server.httpsPort(),
                "https://" + host + ":" + server.httpsPort(), connectionString,
                config.dataDir().resolve(ServerIdentity.CA_CERTIFICATE).toString(), hubs.stream()
                        .map(hub -> new ConnectionInfo.Hub(hub.hostName(), new ServiceConnectionString(hub.hostName(),
                                hub.owner().keyName(), hub.owner().primaryKey()).format()))
                        .toList());
    }

    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    public Path connectionInfoFile() {
        return connectionInfoFile;
    }

    public int httpsPort() {
        return server.httpsPort();
    }

    public int mqttPort() {
        return server.mqttPort();
    }

    /** The built-in hubs' device side: their telemetry log, connected devices and direct methods. */
    public HubDeviceServices hubDevices() {
        return hubDevices;
    }

    /**
     * Stops the listeners first, so that nothing new starts, then the sweep of old operations, then lets assignments
     * finish, then the database.
     */
    @Override
    public void close() {
        LOG.info("Shutting down");
        server.close();
        operationSweeper.close();
        provisioning.close();
        storage.close();
        metrics.close();
        dataDirectoryLock.close();
        LOG.info("Stopped");
    }
}
