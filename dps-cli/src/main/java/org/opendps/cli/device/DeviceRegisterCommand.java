package org.opendps.cli.device;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.opendps.attestation.pki.Pem;
import org.opendps.cli.BaseCommand;
import org.opendps.cli.CliException;
import org.opendps.cli.ExitCode;
import org.opendps.cli.OutputMixin;
import org.opendps.cli.connection.ConnectionResolver;
import org.opendps.cli.output.Details;
import org.opendps.cli.output.Json;
import org.opendps.cli.output.OutputFiles;
import org.opendps.core.enrollment.JsonText;
import org.opendps.core.error.DpsException;
import org.opendps.core.provisioning.RegistrationOperationStatus;
import org.opendps.core.registration.DeviceRegistrationState;
import org.opendps.core.registration.RegistrationStatus;
import org.opendps.deviceclient.HttpsRegistrationTransport;
import org.opendps.deviceclient.MqttRegistrationTransport;
import org.opendps.deviceclient.ProvisioningEndpoint;
import org.opendps.deviceclient.Registration;
import org.opendps.deviceclient.RegistrationException;
import org.opendps.deviceclient.RegistrationTransport;
import org.opendps.wire.ConnectionInfo;
import org.opendps.wire.ConnectionInfoJson;
import org.opendps.wire.json.RegistrationClientJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code opendps device register}: registers a device with a DPS, with OpenDPS's own client, and prints (and with
 * {@code --out} writes) where it was assigned and the connection string it can use there.
 */
@Command(name = "register", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Register a device as the device would, over HTTPS or MQTT, with a symmetric key (its own, or "
                + "derived from a group key) or an X.509 certificate.",
            "Prints the assigned hub, the device ID and a device connection string. The ID scope, endpoint and CA "
                + "default to the connection info written by `opendps serve`."})
public final class DeviceRegisterCommand extends BaseCommand {
    enum Transport { https, mqtt }

    @Option(names = "--registration-id", order = 1, paramLabel = "ID",
            description = "The device's registration ID (with --cert: the certificate's CN, the default).")
    String registrationId;

    @Mixin
    DeviceCredentialOptions credential;

    @Option(names = "--payload", order = 20, paramLabel = "JSON",
            description = "A custom payload for the allocation webhook, any JSON value.")
    String payload;

    @Option(names = "--transport", order = 30, paramLabel = "PROTOCOL", defaultValue = "https",
            description = "https or mqtt. Default: ${DEFAULT-VALUE}.")
    Transport transport = Transport.https;

    @Option(names = "--id-scope", order = 31, paramLabel = "SCOPE", description = "The DPS's ID scope.")
    String idScope;

    @Option(names = "--endpoint", order = 32, paramLabel = "HOST[:PORT]",
            description = "The DPS's device endpoint; default: the connection info's deviceEndpoint (its host, port "
                    + "8883, for MQTT).")
    String endpoint;

    @Option(names = "--ca-file", order = 33, paramLabel = "FILE",
            description = "PEM CA certificate(s) to trust; default: the connection info's CA, else the JDK's.")
    Path caFile;

    @Option(names = "--connection-info", order = 34, paramLabel = "FILE",
            description = "connection-info.json written by `opendps serve` (default: as for the other commands).")
    Path connectionInfo;

    @Option(names = "--timeout", order = 35, paramLabel = "SECONDS", defaultValue = "60",
            description = "Give up after this long, polls included. Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds = 60;

    @Option(names = "--out", order = 40, paramLabel = "FILE",
            description = "Also write the result as JSON to FILE (owner-only: it holds the device key).")
    Path outFile;

    @Mixin
    OutputMixin output;

    @Override
    protected ExitCode execute() {
        if (timeoutSeconds < 1) {
            throw CliException.usage("--timeout must be at least 1 second");
        }
        DeviceCredentialOptions.Resolved device = credential.resolve(registrationId);
        Path infoFile = ConnectionResolver.fromSystem().findConnectionInfo(connectionInfo);
        ConnectionInfo info = infoFile == null ? null : read(infoFile);
        Registration registration = new Registration(required(idScope, info == null ? null : info.idScope(),
                "--id-scope"), device.registrationId(), device.credential(), payload());
        RegistrationOperationStatus status;
        try (RegistrationTransport client = transport(info, infoFile)) {
            status = client.register(registration).get();
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.SERVER, "interrupted while registering");
        }
        return report(status, device);
    }

    private RegistrationTransport transport(ConnectionInfo info, Path infoFile) {
        String given = required(endpoint, info == null ? null : info.deviceEndpoint(), "--endpoint");
        List<X509Certificate> trusted = trusted(info, infoFile);
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        try {
            if (transport == Transport.mqtt) {
                ProvisioningEndpoint dialled = ProvisioningEndpoint.parse(given, MqttRegistrationTransport.DEFAULT_PORT,
                        trusted);
                if (endpoint == null) { // the connection info names the HTTPS port; MQTT has its own
                    dialled = new ProvisioningEndpoint(dialled.host(), MqttRegistrationTransport.DEFAULT_PORT, trusted);
                }
                return new MqttRegistrationTransport(dialled, timeout);
            }
            return new HttpsRegistrationTransport(ProvisioningEndpoint.parse(given, 443, trusted), timeout);
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--endpoint: " + e.getMessage());
        }
    }

    private ExitCode report(RegistrationOperationStatus status, DeviceCredentialOptions.Resolved device) {
        DeviceRegistrationState state = status.registrationState();
        if (status.status() != RegistrationStatus.ASSIGNED || state == null) {
            String why = state == null || state.errorMessage() == null ? "" : ": " + state.errorMessage();
            String code = state == null || state.errorCode() == null ? "" : " (errorCode " + state.errorCode() + ")";
            ExitCode exitCode = state != null && state.errorCode() != null
                    ? ExitCode.forHttpStatus(state.errorCode() / 1000) : ExitCode.REJECTED;
            throw new CliException(exitCode == ExitCode.OK ? ExitCode.REJECTED : exitCode,
                    "registration ended " + status.status().wireName() + why + code);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("registrationId", state.registrationId());
        fields.put("status", status.status().wireName());
        fields.put("substatus", state.substatus() == null ? null : state.substatus().wireName());
        fields.put("assignedHub", state.assignedHub());
        fields.put("deviceId", state.deviceId());
        fields.put("operationId", status.operationId());
        fields.put("connectionString", "HostName=" + state.assignedHub() + ";DeviceId=" + state.deviceId()
                + (device.deviceKey() != null ? ";SharedAccessKey=" + device.deviceKey() : ";x509=true"));
        fields.values().removeIf(value -> value == null);
        byte[] json = Json.prettyObject(fields).getBytes(StandardCharsets.UTF_8);
        if (state.payload() != null) {
            json = Json.withField(json, "payload", state.payload().json().getBytes(StandardCharsets.UTF_8));
        }
        String pretty = Json.pretty(json);
        if (outFile != null) {
            Path absolute = outFile.toAbsolutePath();
            new OutputFiles(absolute.getParent(), true).writePrivate(absolute.getFileName().toString(), pretty + "\n");
        }
        if (output.json()) {
            out().println(pretty);
        } else {
            Details details = new Details();
            fields.forEach(details::add);
            if (state.payload() != null) {
                details.add("payload", Json.compact(state.payload().json()));
            }
            details.print(out());
        }
        return ExitCode.OK;
    }

    private static CliException failure(Throwable cause) {
        if (!(cause instanceof RegistrationException failure)) {
            return new CliException(ExitCode.INTERNAL, "registration failed: " + cause, cause);
        }
        ExitCode exitCode = switch (failure.kind()) {
            case NOT_AUTHORIZED -> ExitCode.UNAUTHORIZED;
            case REFUSED -> failure.httpStatus() == 0 ? ExitCode.REJECTED : ExitCode.forHttpStatus(failure.httpStatus());
            case UNREACHABLE, TLS, TIMEOUT, PROTOCOL -> ExitCode.SERVER;
        };
        return new CliException(exitCode, "registration failed: " + failure.getMessage());
    }

    private JsonText payload() {
        if (payload == null) {
            return null;
        }
        try {
            return RegistrationClientJson.parseValue(payload);
        } catch (DpsException e) {
            throw CliException.usage("--payload: " + e.getMessage());
        }
    }

    private static ConnectionInfo read(Path file) {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw CliException.local("connection info " + file + " does not exist");
        }
        try {
            return ConnectionInfoJson.read(file);
        } catch (RuntimeException e) {
            throw CliException.local("cannot read connection info " + file + ": " + e.getMessage());
        }
    }

    /** --ca-file, else the connection info's CA (relative to its file), else none: the JDK's trust store. */
    private List<X509Certificate> trusted(ConnectionInfo info, Path infoFile) {
        Path file = caFile;
        if (file == null && info != null && info.caCertificate() != null) {
            file = infoFile.toAbsolutePath().getParent().resolve(info.caCertificate());
        }
        if (file == null) {
            return List.of();
        }
        try {
            List<X509Certificate> certificates = Pem.readCertificates(java.nio.file.Files.readString(file));
            if (certificates.isEmpty()) {
                throw CliException.local("CA file " + file + " holds no PEM certificate");
            }
            return certificates;
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw CliException.local("cannot read CA file " + file + ": " + e.getMessage());
        }
    }

    private static String required(String given, String fromInfo, String option) {
        String value = given != null ? given : fromInfo;
        if (value == null || value.isBlank()) {
            throw CliException.local("no " + option + " given and no connection info to take it from "
                    + "(--connection-info, or run where `opendps serve` keeps data/)");
        }
        return value;
    }
}
