package org.opendps.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
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
import org.opendps.cli.output.Details;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.deviceclient.HttpsRegistrationTransport;
import org.opendps.deviceclient.MqttRegistrationTransport;
import org.opendps.deviceclient.ProvisioningEndpoint;
import org.opendps.deviceclient.Registration;
import org.opendps.deviceclient.RegistrationTransport;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ConnectionInfoJson;
import org.opendps.wire.json.LinkedHubJson;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
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

    /** Exactly one: the closed loop or the open loop. */
    static final class PaceOptions {
        @Option(names = "--concurrency", required = true, paramLabel = "C",
                description = "At most C registrations in flight (closed loop).")
        int concurrency;

        @Option(names = "--rate", required = true, paramLabel = "R",
                description = "Start R devices per second, however many are in flight (open loop).")
        double rate;
    }

    @Option(names = "--devices", required = true, order = 1, paramLabel = "N", description = "Devices to register.")
    int devices;

    @ArgGroup(exclusive = true, multiplicity = "1", order = 2)
    PaceOptions pace;

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

    @Option(names = "--duration-limit", order = 7, paramLabel = "SECONDS", defaultValue = "300",
            description = "Start no device after this long. Default: ${DEFAULT-VALUE}.")
    int durationLimitSeconds = 300;

    @Option(names = "--warmup", order = 8, paramLabel = "N", defaultValue = "0",
            description = "Register N extra devices first, left out of the figures. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--timeout", order = 9, paramLabel = "SECONDS", defaultValue = "60",
            description = "One device gives up after this long, polls included. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds = 60;

    @Option(names = "--id-prefix", order = 10, paramLabel = "PREFIX",
            description = "The group's ID and the devices' prefix (PREFIX-0, PREFIX-1, ...). Default: bench- and "
                    + "random hex, new each run.")
    String idPrefix;

    @Override
    protected ExitCode execute() {
        Fleet.Attestation kind = attestation();
        checkNumbers();
        String prefix = idPrefix != null ? idPrefix : "bench-" + HexFormat.of().formatHex(new SecureRandom()
                .generateSeed(4));
        Connection service = connection.resolve();
        ConnectionInfo info = connectionInfo();
        List<X509Certificate> trusted = trusted(service.caCertificate());
        ProvisioningEndpoint endpoint = endpoint(info, trusted);
        String scope = idScope != null ? idScope : info != null ? info.idScope()
                : LinkedHubJson.readProperties(client().get("/properties").body()).idScope();

        List<Registration> fleet = Fleet.enroll(client(), kind, scope, prefix, warmup + devices);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        LoadRun.Pace loop = new LoadRun.Pace(pace.concurrency, pace.rate);
        try (MqttRegistrationTransport mqtt = transport == Transport.mqtt
                ? new MqttRegistrationTransport(endpoint, timeout) : null) {
            Function<Registration, CompletableFuture<RegistrationOperationStatus>> register = mqtt != null
                    ? mqtt::register
                    // A transport per device: the HTTPS one keeps a client and its connections for symmetric-key
                    // devices, and a new client means a new SSLContext, so no session to resume either.
                    : device -> registerOnce(new HttpsRegistrationTransport(endpoint, timeout), device);
            Duration limit = Duration.ofSeconds(durationLimitSeconds);
            if (warmup > 0) {
                new LoadRun(register, loop, err()).run(fleet.subList(0, warmup), limit, "warm-up");
            }
            BenchResult result = new LoadRun(register, loop, err()).run(fleet.subList(warmup, fleet.size()), limit,
                    "bench " + transport + " " + attestation);
            report(result, prefix);
            if (result.completed() < devices) {
                throw new CliException(ExitCode.SERVER, (devices - result.completed()) + " of " + devices
                        + " devices did not complete");
            }
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.SERVER, "interrupted");
        }
    }

    private static CompletableFuture<RegistrationOperationStatus> registerOnce(RegistrationTransport transport,
            Registration device) {
        return transport.register(device).whenComplete((status, failure) -> transport.close());
    }

    private Fleet.Attestation attestation() {
        return switch (attestation) {
            case "symmetric-key" -> Fleet.Attestation.symmetric_key;
            case "x509" -> Fleet.Attestation.x509;
            default -> throw usage("--attestation must be symmetric-key or x509, not '" + attestation + "'");
        };
    }

    private void checkNumbers() {
        if (devices < 1) {
            throw usage("--devices must be at least 1");
        }
        if (pace.concurrency < 0 || (pace.concurrency == 0 && pace.rate <= 0)) {
            throw usage("--concurrency and --rate must be positive");
        }
        if (warmup < 0 || durationLimitSeconds < 1 || timeoutSeconds < 1) {
            throw usage("--warmup must not be negative; --duration-limit and --timeout must be at least 1 second");
        }
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

    private void report(BenchResult result, String prefix) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("transport", transport.name());
        fields.put("attestation", attestation);
        fields.put("idPrefix", prefix);
        fields.put("concurrency", pace.concurrency > 0 ? pace.concurrency : null);
        fields.put("rate", pace.rate > 0 ? pace.rate : null);
        fields.put("warmup", warmup);
        fields.putAll(result.fields());
        fields.values().removeIf(value -> value == null);
        if (output.json()) {
            try {
                out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(fields));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        Details details = new Details();
        fields.forEach((name, value) -> details.add(name, text(value)));
        details.print(out());
    }

    private static String text(Object value) {
        if (value instanceof Map<?, ?> map) {
            StringBuilder text = new StringBuilder();
            map.forEach((key, item) -> text.append(text.length() == 0 ? "" : ", ").append(key).append(": ")
                    .append(item));
            return text.length() == 0 ? "none" : text.toString();
        }
        return String.valueOf(value);
    }
}
