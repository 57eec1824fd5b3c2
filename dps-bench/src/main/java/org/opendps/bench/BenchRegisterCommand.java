package org.opendps.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.opendps.attestation.pki.Pem;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OnlineCommand;
import org.opendps.cli.connection.Connection;
import org.opendps.cli.connection.ConnectionResolver;
import org.opendps.deviceclient.MqttRegistrationTransport;
import org.opendps.deviceclient.ProvisioningEndpoint;
import org.opendps.deviceclient.Registration;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ConnectionInfoJson;
import org.opendps.wire.json.LinkedHubJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opendps bench register}: enrolls a group of simulated devices through the service API, then registers them
 * as devices do, each over a new TLS connection with a full handshake, and reports throughput and latency.
 */
@Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Register a fleet of simulated devices and measure it.",
            "Creates a group enrollment (a symmetric key; or a generated root, uploaded as a verified CA certificate, "
                + "and one device certificate per device, all made before the timed phase), then registers every "
                + "device over a fresh TLS connection, polling as the Azure SDKs do. The registration states and the "
                + "group stay on the server; --id-prefix names them."})
public final class BenchRegisterCommand extends OnlineCommand {
    enum Transport { https, mqtt }

    @Option(names = "--devices", required = true, order = 1, paramLabel = "N", description = "Devices to register.")
    int devices;

    @Mixin
    RunOptions run;

    @Option(names = "--attestation", order = 3, paramLabel = "TYPE", defaultValue = "symmetric-key",
            description = "symmetric-key or x509. Default: ${DEFAULT-VALUE}.")
    String attestation = "symmetric-key";

    @Option(names = "--transport", order = 4, paramLabel = "PROTOCOL", defaultValue = "https",
            description = "https or mqtt. Default: ${DEFAULT-VALUE}.")
    Transport transport = Transport.https;

    @Option(names = "--device-endpoint", order = 5, paramLabel = "HOST[:PORT]",
            description = "Where devices dial; default: the connection info's deviceEndpoint (its host and port 8883 "
                    + "for MQTT).")
    String deviceEndpoint;

    @Option(names = "--id-scope", order = 6, paramLabel = "SCOPE",
            description = "Default: the connection info's, else the service's own (GET /properties).")
    String idScope;

    @Option(names = "--with-ceiling", order = 11,
            description = "Then measure the bare TLS ceiling with the same count and pace (see tls-ceiling), and "
                    + "report registrations per second divided by handshakes per second.")
    boolean withCeiling;

    @Option(names = "--id-prefix", order = 10, paramLabel = "PREFIX",
            description = "The group's ID and the devices' prefix (PREFIX-0, PREFIX-1, ...). Default: bench- and "
                    + "random hex, new each run.")
    String idPrefix;

    /** 429 answers registered again in the measured phase. */
    private long throttled;

    @Override
    protected ExitCode execute() {
        LoadRun.closeIdleConnectionsPromptly();
        Fleet.Attestation kind = attestation();
        LoadRun.Pace pace = run.pace(devices, "--devices");
        String prefix = idPrefix != null ? idPrefix : randomPrefix();
        Connection service = connection.resolve();
        ConnectionInfo info = connectionInfo();
        List<X509Certificate> trusted = trusted(service.caCertificate());
        ProvisioningEndpoint endpoint = endpoint(info, trusted);
        String scope = idScope != null ? idScope : info != null ? info.idScope()
                : LinkedHubJson.readProperties(client().get("/properties").body()).idScope();

        List<Registration> fleet = Fleet.enroll(client(), kind, scope, prefix, run.warmup + devices);
        BenchResult result = register(fleet, endpoint, pace);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("transport", transport.name());
        fields.put("attestation", attestation);
        fields.put("idPrefix", prefix);
        run.describe(fields);
        fields.putAll(result.fields("devices", "registrationsPerSecond"));
        fields.put("throttledRetries", throttled);
        if (withCeiling) {
            // X.509 devices are compared with handshakes that present a client certificate too.
            boolean clientCertificate = kind == Fleet.Attestation.x509;
            BenchResult ceiling = TlsCeilingCommand.measure(run, pace, devices, clientCertificate, err());
            Map<String, Object> ceilingFields = new LinkedHashMap<>();
            ceilingFields.put("clientCertificate", clientCertificate);
            ceilingFields.putAll(ceiling.fields("handshakes", "handshakesPerSecond"));
            fields.put("ceiling", ceilingFields);
            fields.put("ratio", ceiling.perSecond() == 0 ? 0
                    : Math.round(result.perSecond() / ceiling.perSecond() * 1000) / 1000.0);
        }
        Reports.print(out(), output.json(), fields);
        if (result.completed() < devices) {
            throw new CliException(ExitCode.SERVER, (devices - result.completed()) + " of " + devices
                    + " devices did not complete");
        }
        return ExitCode.OK;
    }

    private BenchResult register(List<Registration> fleet, ProvisioningEndpoint endpoint, LoadRun.Pace pace) {
        try (SimulatedDevices devices = new SimulatedDevices(transport, endpoint, run.timeout())) {
            Function<Registration, CompletableFuture<String>> register = device -> LoadRun.assigned(
                    devices.register(device));
            if (run.warmup > 0) {
                new LoadRun<>(register, pace, err()).run(fleet.subList(0, run.warmup), run.durationLimit(),
                        "warm-up");
            }
            devices.resetThrottled();
            BenchResult result = new LoadRun<>(register, pace, err()).run(fleet.subList(run.warmup, fleet.size()),
                    run.durationLimit(), "bench " + transport + " " + attestation);
            throttled = devices.throttled();
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.SERVER, "interrupted");
        }
    }

    /** New each run, so that runs against one server never share a group or a registration ID. */
    private static String randomPrefix() {
        byte[] random = new byte[4];
        new SecureRandom().nextBytes(random);
        return "bench-" + HexFormat.of().formatHex(random);
    }

    private Fleet.Attestation attestation() {
        return switch (attestation) {
            case "symmetric-key" -> Fleet.Attestation.symmetric_key;
            case "x509" -> Fleet.Attestation.x509;
            default -> throw usage("--attestation must be symmetric-key or x509, not '" + attestation + "'");
        };
    }

    /** The device side of the connection info, unless the server was named by a connection string. */
    private ConnectionInfo connectionInfo() {
        if (connection.options().connectionString() != null
                || System.getenv(ConnectionResolver.ENV_CONNECTION_STRING) != null) {
            return null;
        }
        Path file = ConnectionResolver.fromSystem().findConnectionInfo(connection.options().connectionInfo());
        if (file == null) {
            return null;
        }
        try {
            return ConnectionInfoJson.read(file);
        } catch (RuntimeException e) {
            throw CliException.local("cannot read connection info " + file + ": " + e.getMessage());
        }
    }

    private ProvisioningEndpoint endpoint(ConnectionInfo info, List<X509Certificate> trusted) {
        int defaultPort = transport == Transport.mqtt ? MqttRegistrationTransport.DEFAULT_PORT : 443;
        if (deviceEndpoint == null && info == null) {
            throw CliException.usage("--device-endpoint is needed without connection info");
        }
        try {
            if (deviceEndpoint != null) {
                return ProvisioningEndpoint.parse(deviceEndpoint, defaultPort, trusted);
            }
            ProvisioningEndpoint https = ProvisioningEndpoint.parse(info.deviceEndpoint(), 443, trusted);
            return transport == Transport.mqtt ? new ProvisioningEndpoint(https.host(), defaultPort, trusted) : https;
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--device-endpoint: " + e.getMessage());
        }
    }

    /** The devices trust what the service client trusts: the connection's CA file, else the JDK's store. */
    private static List<X509Certificate> trusted(Path caFile) {
        if (caFile == null) {
            return List.of();
        }
        try {
            return Pem.readCertificates(Files.readString(caFile));
        } catch (IOException | IllegalArgumentException e) {
            throw CliException.local("cannot read CA file " + caFile + ": " + e.getMessage());
        }
    }
}
